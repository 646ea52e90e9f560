/**
 * HTML built by tagged templates that escape every interpolated value unless it is already
 * {@link SafeHtml} (made only here): names, reasons and ids from specs, Partner Center and the
 * journal reach a page only through {@link escapeHtml}.
 */

const SAFE = Symbol('safe-html');

/** Markup that is already escaped. Only `html`, `raw` and `joinHtml` make it. */
export interface SafeHtml {
  readonly [SAFE]: true;
  readonly text: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes `& < > " '`: safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function safe(text: string): SafeHtml {
  return { [SAFE]: true, text };
}

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && SAFE in value;
}

/** What a template accepts: text (escaped), numbers, markup, lists of those; nothing else. */
export type HtmlValue =
  string | number | SafeHtml | undefined | null | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === undefined || value === null || value === false) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  if (isSafe(value)) return value.text;
  return value.map(render).join('');
}

/** `html\`<td>${name}</td>\``: the literal parts are trusted, every value is escaped. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return safe(out);
}

/** Trusted markup from this module's own constants (the style sheet). Never user data. */
export function raw(trusted: string): SafeHtml {
  return safe(trusted);
}

/** The values joined by `separator` (text, escaped). */
export function joinHtml(values: readonly HtmlValue[], separator = ''): SafeHtml {
  return safe(values.map(render).join(escapeHtml(separator)));
}

/** The final text of a page or fragment. */
export function htmlText(value: SafeHtml): string {
  return value.text;
}
