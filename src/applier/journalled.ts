import type { ApplierPorts, JournalIntent, JournalOutcome } from './ports.js';
import { ActionFailure } from './results.js';

/**
 * Runs one mutating call under the write-ahead journal (docs/decisions.md): the intent row is committed
 * before the call, the outcome after. A refusal settles the row `failed`; an in-progress or
 * unknown outcome settles it `unknown`, so recovery re-drives or re-reads it before the next
 * plan and nothing is bought twice.
 *
 * @returns the call's value and the request id it was sent with.
 * @throws ActionFailure with the Partner Center code when the call did not succeed.
 */
export async function journalled<T>(
  ports: ApplierPorts,
  intent: Omit<JournalIntent, 'requestId'> & { readonly requestId?: string },
  call: (requestId: string) => Promise<T>,
  describe: (value: T) => Omit<JournalOutcome, 'status'>,
  /** Local bookkeeping that must be durable before the row is settled (e.g. the binding). */
  beforeSettle?: (value: T) => void,
): Promise<T> {
  const requestId = intent.requestId ?? ports.newRequestId();
  const rowId = await ports.journal.begin({ ...intent, requestId });
  let value: T;
  try {
    value = await call(requestId);
  } catch (error) {
    const failure = ports.partnerCenter.classifyFailure(error);
    const refused = failure.class === 'refused';
    ports.journal.settle(rowId, {
      status: refused ? 'failed' : 'unknown',
      errorCode: failure.code,
      message: failure.message,
    });
    throw new ActionFailure(
      failure.code,
      refused
        ? failure.message
        : `${failure.message} — the outcome is not known yet; the next run settles it (request ${requestId})`,
      refused ? 'failed' : 'pending',
    );
  }
  // Bind first, then settle: a crash in between leaves the row unsettled, and recovery re-drives
  // the (idempotent) call and binds again; the reverse order could lose the binding.
  beforeSettle?.(value);
  ports.journal.settle(rowId, { status: 'succeeded', ...describe(value) });
  return value;
}
