import { MAX_RENEWAL_NOTICE_DAYS, type DaemonConfig } from './agent-config.js';
import { CONFIG_ENV, type ConfigOverrides } from './config-document.js';
import type { Get, Problem, Setting } from './config-setting.js';
import { isLoopback, plainHttpMessage } from './parse-endpoint.js';

/**
 * Resolves `daemon:` (flag > env > file). Returns `undefined` when nothing is set, so configs
 * without the section resolve exactly as before. A webhook URL often embeds a credential
 * (Teams, Slack), so `QM_WEBHOOK_URL` is the recommended source and messages never echo it.
 */
export function resolveDaemon(
  get: Get,
  problem: Problem,
  overrides: ConfigOverrides,
): DaemonConfig | undefined {
  const portSetting = get(['daemon', 'metricsPort'], CONFIG_ENV.metricsPort, overrides.metricsPort);
  let metricsPort: number | undefined;
  if (portSetting !== undefined) {
    const n = Number(portSetting.value);
    if (Number.isInteger(n) && n >= 0 && n <= 65_535) metricsPort = n;
    else if (!portSetting.fromFile) {
      problem(
        portSetting,
        `metricsPort must be a TCP port from 0 to 65535 (0 = any free port); got \`${String(portSetting.value)}\``,
      );
    }
  }
  const hostSetting = get(['daemon', 'metricsHost']);
  const metricsHost = typeof hostSetting?.value === 'string' ? hostSetting.value : undefined;
  const hookSetting = get(['daemon', 'webhookUrl'], CONFIG_ENV.webhookUrl);
  let webhookUrl: string | undefined;
  if (typeof hookSetting?.value === 'string') {
    const refused = checkWebhookUrl(hookSetting.value);
    if (refused === undefined) webhookUrl = hookSetting.value;
    else problem(hookSetting, refused);
  }
  const renewalNoticeDays = resolveRenewalNoticeDays(get(['daemon', 'renewalNoticeDays']));
  const dashboard = resolveDashboard(get, problem);
  if (
    metricsPort === undefined &&
    metricsHost === undefined &&
    webhookUrl === undefined &&
    renewalNoticeDays === undefined &&
    Object.keys(dashboard).length === 0
  )
    return undefined;
  return {
    ...(metricsPort === undefined ? {} : { metricsPort }),
    ...(metricsHost === undefined ? {} : { metricsHost }),
    ...(webhookUrl === undefined ? {} : { webhookUrl }),
    ...(renewalNoticeDays === undefined ? {} : { renewalNoticeDays }),
    ...dashboard,
  };
}

/**
 * `daemon.dashboardPort` (file, env `QM_DASHBOARD_PORT`) and `daemon.dashboardHost` (file):
 * the read-only dashboard `qm run` serves (docs/dashboard.md). A bad port in the file was
 * reported by the schema; one from the environment is reported here, naming the variable.
 */
function resolveDashboard(
  get: Get,
  problem: Problem,
): Pick<DaemonConfig, 'dashboardPort' | 'dashboardHost'> {
  const portSetting = get(['daemon', 'dashboardPort'], CONFIG_ENV.dashboardPort);
  let dashboardPort: number | undefined;
  if (portSetting !== undefined) {
    const n = Number(portSetting.value);
    if (Number.isInteger(n) && n >= 0 && n <= 65_535) dashboardPort = n;
    else if (!portSetting.fromFile) {
      problem(
        portSetting,
        `dashboardPort must be a TCP port from 0 to 65535 (0 = any free port); got \`${String(portSetting.value)}\``,
      );
    }
  }
  const host = get(['daemon', 'dashboardHost'])?.value;
  return {
    ...(dashboardPort === undefined ? {} : { dashboardPort }),
    ...(typeof host === 'string' ? { dashboardHost: host } : {}),
  };
}

/**
 * `daemon.renewalNoticeDays` (file only), largest first without duplicates; `undefined` when
 * not set or not a list of whole days 1..MAX_RENEWAL_NOTICE_DAYS — the schema has reported the
 * entry at its `file:line:col` then, and the default applies.
 */
function resolveRenewalNoticeDays(setting: Setting | undefined): number[] | undefined {
  const value = setting?.value;
  if (!Array.isArray(value)) return undefined;
  const days = value.filter(
    (d): d is number => Number.isInteger(d) && d >= 1 && d <= MAX_RENEWAL_NOTICE_DAYS,
  );
  if (days.length !== value.length) return undefined;
  return [...new Set(days)].sort((a, b) => b - a);
}

/** Resolves `partnerCenter.rateLimitPerMinute`; `undefined` when not set (the client's 500). */
/** `partnerCenter.batchSize` (schema-checked 1..10,000); absent = the agent's default. */
export function resolveBatchSize(get: Get): number | undefined {
  const value = get(['partnerCenter', 'batchSize'])?.value;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

export function resolveRateLimit(get: Get): number | undefined {
  const value = get(['partnerCenter', 'rateLimitPerMinute'])?.value;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/**
 * Why a webhook URL is refused, or `undefined`. Messages never echo the URL (it may hold a
 * credential); a query is allowed, since some services put their key there.
 */
function checkWebhookUrl(text: string): string | undefined {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (
    url === undefined ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username !== '' ||
    url.password !== ''
  ) {
    return 'webhookUrl must be an http(s) URL without user:password (its value is not shown: it may hold a credential)';
  }
  if (url.protocol === 'http:' && !isLoopback(url)) {
    return plainHttpMessage('webhookUrl (its value is not shown: it may hold a credential)');
  }
  return undefined;
}
