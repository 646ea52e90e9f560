/** A nominal type: a `T` that only a parser may produce. */
export type Brand<T, B extends string> = T & { readonly __brand: B };
