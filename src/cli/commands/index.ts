import type { CommandRegistrar } from '../main.js';
import { registerSandboxServe } from './sandbox-serve.js';

/**
 * Every `qm` sub-command, in help order. Each lives in its own file and registers itself.
 */
export const COMMANDS: readonly CommandRegistrar[] = [registerSandboxServe];
