import type { CustomerSummary } from '../estate-view.js';
import { escapeHtml } from '../html.js';

const COLOURS: Readonly<Record<string, string>> = {
  'in-sync': '#1a7f37',
  drifted: '#9a6700',
  blocked: '#cf222e',
  'in-flight': '#0969da',
  unobserved: '#6e7781',
  unknown: '#6e7781',
};

/** What the badge says: the headline, with counts when not in sync. */
export function badgeMessage(c: CustomerSummary | undefined): { text: string; colour: string } {
  if (c === undefined) return { text: 'unknown customer', colour: COLOURS['unknown'] ?? '' };
  const n = c.counts;
  const text =
    c.health === 'blocked'
      ? `${n.blocked} blocked`
      : c.health === 'drifted'
        ? `${n.drifted} drifted`
        : c.health === 'in-flight'
          ? `${n['in-flight']} in flight`
          : c.health === 'unobserved'
            ? 'never refreshed'
            : 'in sync';
  return { text, colour: COLOURS[c.health] ?? '' };
}

/** A flat shields-style SVG badge, `quartermaster | <message>`; text escaped for XML. */
export function renderBadge(message: { text: string; colour: string }): string {
  const label = 'quartermaster';
  const width = (s: string): number => Math.round(s.length * 6.5) + 12;
  const lw = width(label);
  const mw = width(message.text);
  const text = escapeHtml(message.text);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + mw}" height="20" role="img" aria-label="${label}: ${text}"><title>${label}: ${text}</title><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${message.colour}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="${lw / 2}" y="14">${label}</text><text x="${lw + mw / 2}" y="14">${text}</text></g></svg>`;
}
