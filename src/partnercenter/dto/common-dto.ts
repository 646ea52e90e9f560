/**
 * Wire shapes shared by every resource (docs/partner-center-api.md §1.2). These types describe what
 * may arrive after key normalisation; every field is optional because the mappers check them.
 * Wire DTOs never leave `partnercenter/`.
 */

export interface LinkDto {
  readonly uri?: string;
  readonly method?: string;
  readonly headers?: readonly { readonly key?: string; readonly value?: string }[];
}

export interface AttributesDto {
  readonly objectType?: string;
  readonly etag?: string;
}

export interface CollectionDto<T> {
  readonly totalCount?: number;
  readonly items?: readonly T[];
  readonly continuationToken?: string;
  readonly links?: {
    readonly self?: LinkDto;
    readonly next?: LinkDto;
    readonly previous?: LinkDto;
  };
  readonly attributes?: AttributesDto;
}

/** An enum as sent: lower snake_case, PascalCase in old samples, or its integer value. */
export type WireEnum = string | number;
