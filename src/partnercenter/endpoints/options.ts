/** Options every read accepts. */
export interface ReadOptions {
  readonly signal?: AbortSignal;
}

/**
 * Options every mutating call accepts. `requestId` is the MS-RequestId: the applier journals it
 * before sending, and the client reuses it on every retry of this call (docs/partner-center-api.md §1.4).
 */
export interface MutationOptions {
  readonly requestId?: string;
  readonly signal?: AbortSignal;
}

/** Spreads the optional fields of call options into a call spec. */
export function callOptions(options: MutationOptions | undefined): {
  requestId?: string;
  signal?: AbortSignal;
} {
  return {
    ...(options?.requestId === undefined ? {} : { requestId: options.requestId }),
    ...(options?.signal === undefined ? {} : { signal: options.signal }),
  };
}

/** `{ signal }` when one was given. */
export function signalOf(options: ReadOptions | undefined): { signal?: AbortSignal } {
  return options?.signal === undefined ? {} : { signal: options.signal };
}
