/** `list` in consecutive slices of `size` items (the last may be shorter); size below 1 counts as 1. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  const step = Math.max(1, Math.floor(size));
  for (let i = 0; i < list.length; i += step) out.push(list.slice(i, i + step));
  return out;
}
