/**
 * The product's name on a journal row, for humans only: the plan action's `productName`, kept
 * in the row's `request` summary as `productName` when the plan knew it. `qm history`,
 * `qm billing`, `qm status` and crash recovery read it back so they can name the product without
 * a network call. Nothing decides anything on it: it is never part of a key, a match or a digest.
 */

/** `{ productName }` to spread into a journal request when the name is known, else `{}`. */
export function productNameField(name: string | undefined): { readonly productName?: string } {
  return name === undefined || name.trim() === '' ? {} : { productName: name };
}

/** The name a journal row's `request` recorded; undefined for rows without one (older rows). */
export function recordedProductName(request: unknown): string | undefined {
  if (request === null || typeof request !== 'object') return undefined;
  const name = (request as { productName?: unknown }).productName;
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}
