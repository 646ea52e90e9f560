/**
 * A copy of `text` that shares no memory with the text it was cut from. V8 keeps a substring
 * of 13 characters or more as a slice of its parent, so a customer name or GUID parsed from a
 * spec file would keep the whole file's text (comments and all) alive for as long as the
 * customer lives. Shorter strings are always copies already.
 */
export function detachText<T extends string>(text: T): T {
  return (text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8')) as T;
}
