import type { CommandRegistrar } from '../main.js';
import { registerApply } from './apply.js';
import { registerBilling } from './billing.js';
import { registerCustomers } from './customers.js';
import { registerDashboard } from './dashboard.js';
import { registerHistory } from './history.js';
import { registerImport } from './import.js';
import { registerPlan } from './plan.js';
import { registerRenewals } from './renewals.js';
import { registerRun } from './run.js';
import { registerSandboxServe } from './sandbox-serve.js';
import { registerShow } from './show.js';
import { registerState } from './state.js';
import { registerStatus } from './status.js';
import { registerValidate } from './validate.js';

/**
 * Every `qm` sub-command, in help order. Each lives in its own file and registers itself.
 */
export const COMMANDS: readonly CommandRegistrar[] = [
  registerValidate,
  registerPlan,
  registerShow,
  registerApply,
  registerRun,
  registerImport,
  registerCustomers,
  registerStatus,
  registerRenewals,
  registerHistory,
  registerDashboard,
  registerState,
  registerBilling,
  registerSandboxServe,
];
