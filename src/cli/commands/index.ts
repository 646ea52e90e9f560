import type { CommandRegistrar } from '../main.js';
import { registerSandboxServe } from './sandbox-serve.js';
import { registerValidate } from './validate.js';

/**
 * Every `qm` sub-command, in help order. Each lives in its own file and registers itself.
 */
export const COMMANDS: readonly CommandRegistrar[] = [registerValidate, registerSandboxServe];
