import type { Caller, CallResult } from '../caller.js';
import { PartnerCenterError } from '../errors.js';
import type { LinkDto } from '../dto/common-dto.js';
import { asRecord, collectionItems } from '../map/wire-read.js';

/**
 * Reads a whole Collection, following `links.next` (docs/partner-center-api.md §1.6). Seek-paged
 * routes (customers) put the `MS-ContinuationToken` in the next link's `headers` or in the
 * body's `continuationToken`; unpaged routes normally have no `next`, but one is tolerated.
 * @throws PartnerCenterError `malformed-response` when a page repeats its continuation token.
 */
export async function readAllPages(
  call: Caller,
  firstPath: string,
  what: string,
  signal?: AbortSignal,
  maxPages = 10_000,
): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const page of streamPages(call, firstPath, what, signal, maxPages))
    items.push(...page.items);
  return items;
}

function decodeItems(body: unknown, what: string, requestId: string): unknown[] {
  try {
    return collectionItems(body, what);
  } catch (error) {
    if (error instanceof PartnerCenterError) {
      throw new PartnerCenterError(error.code, error.status, requestId, error.message, {
        cause: error,
      });
    }
    throw error;
  }
}

function nextLink(
  body: unknown,
): { link: LinkDto & { uri: string }; bodyToken: string | undefined } | undefined {
  if (Array.isArray(body)) return undefined;
  const record = asRecord(body, 'collection');
  const links = record['links'] as { next?: LinkDto } | undefined;
  const uri = links?.next?.uri;
  if (typeof uri !== 'string' || uri === '') return undefined;
  const bodyToken =
    typeof record['continuationToken'] === 'string' ? record['continuationToken'] : undefined;
  return { link: { ...links?.next, uri }, bodyToken };
}

function continuationToken(link: LinkDto, bodyToken: string | undefined): string | undefined {
  const header = (link.headers ?? []).find((h) => h.key?.toLowerCase() === 'ms-continuationtoken');
  return header?.value ?? bodyToken;
}

/** One page of a Collection as read: its raw items and the call that fetched it. */
export interface RawPage {
  readonly items: unknown[];
  readonly requestId: string;
  /** Whether the page carried a `links.next` to follow. */
  readonly hasMore: boolean;
}

/**
 * Reads a Collection page by page, following `links.next` and `MS-ContinuationToken` as
 * {@link readAllPages} does, but yields each page and keeps none: a consumer that drops each
 * page reads any number of records in flat memory. Stops early when the consumer does.
 * @throws PartnerCenterError `malformed-response` when a page repeats its continuation token.
 */
export async function* streamPages(
  call: Caller,
  firstPath: string,
  what: string,
  signal?: AbortSignal,
  maxPages = 100_000,
): AsyncGenerator<RawPage, void, undefined> {
  const seenTokens = new Set<string>();
  let path: string | undefined = firstPath;
  let headers: Record<string, string> = {};
  for (let page = 0; path !== undefined && page < maxPages; page++) {
    const result: CallResult = await call({
      method: 'GET',
      path,
      headers,
      ...(signal === undefined ? {} : { signal }),
    });
    const body = result.body ?? { items: [] };
    const next = nextLink(body);
    yield {
      items: decodeItems(body, what, result.requestId),
      requestId: result.requestId,
      hasMore: next !== undefined,
    };
    if (next === undefined) return;
    const token = continuationToken(next.link, next.bodyToken);
    if (token !== undefined) {
      if (seenTokens.has(token)) {
        throw new PartnerCenterError(
          'malformed-response',
          result.status,
          result.requestId,
          `${what}: the server repeated continuation token ${token}`,
        );
      }
      seenTokens.add(token);
    }
    path = next.link.uri;
    headers = token === undefined ? {} : { 'ms-continuationtoken': token };
  }
}
