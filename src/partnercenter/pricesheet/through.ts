import { pipeline, Readable, type Transform } from 'node:stream';

/**
 * `source` piped through a Node transform (zlib), as an async iterable with backpressure. An
 * error on either side ends the iteration with that error; stopping early destroys both.
 * The transform may end before the source does (a deflate stream followed by other bytes).
 */
export function through(
  source: AsyncIterable<Buffer>,
  transform: Transform,
): AsyncIterable<Buffer> {
  // The callback only swallows the premature-close report of a transform that ended first;
  // real errors reach the consumer through the iteration of `transform`.
  return pipeline(Readable.from(source, { objectMode: false }), transform, () => undefined);
}
