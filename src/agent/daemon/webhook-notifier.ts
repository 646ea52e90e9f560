import { request } from 'undici';
import type { DaemonLogger } from './daemon-logger.js';
import { noticeKey, noticeText, type Notice } from './notices.js';

export interface WebhookNotifier {
  /**
   * POSTs each notice not sent before by this process (see `noticeKey`). Never throws: a
   * failed delivery is logged and retried on the next tick, since it stays unsent.
   * @returns the notices of `notices` the webhook has taken (now or before in this process)
   */
  notify(notices: readonly Notice[], at: Date): Promise<readonly Notice[]>;
}

/**
 * A generic JSON webhook: `{ source, event, at, text, ...notice }` to `url` (a Slack or Teams
 * incoming webhook shows `text`; anything else can route on `event`). Deduplication lives in
 * memory: a restarted daemon may repeat a notice once, which is preferable to losing one
 * (renewal notices are also recorded in the state store: renewal-notice-tick.ts).
 */
export function createWebhookNotifier(options: {
  readonly url: string;
  readonly logger: DaemonLogger;
  /** Per-request timeout. @default 10000 */
  readonly timeoutMs?: number;
}): WebhookNotifier {
  const sent = new Set<string>();
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    notify: async (notices, at) => {
      const taken: Notice[] = [];
      for (const notice of notices) {
        const key = noticeKey(notice);
        if (sent.has(key)) {
          taken.push(notice);
          continue;
        }
        const payload = {
          source: 'quartermaster',
          at: at.toISOString(),
          text: noticeText(notice),
          ...notice,
        };
        try {
          const res = await request(options.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(payload),
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
          });
          await res.body.dump();
          if (res.statusCode >= 300) throw new Error(`HTTP ${res.statusCode}`);
          sent.add(key);
          taken.push(notice);
          options.logger.info(
            { event: 'webhook-sent', notice: notice.event },
            `webhook: sent ${notice.event}`,
          );
        } catch (error) {
          // The URL is not logged: it may embed a credential.
          options.logger.warn(
            {
              event: 'webhook-failed',
              notice: notice.event,
              err: error instanceof Error ? error.message : String(error),
            },
            `webhook: delivery of ${notice.event} failed; retrying next tick`,
          );
        }
      }
      return taken;
    },
  };
}
