/**
 * Markets where software subscriptions and Azure reservations are not sold
 * (partner-center-api.md §8, from learn.microsoft.com make-a-one-time-purchase and
 * purchase-azure-reservations). The catalog shows no availability there and a cart line
 * for such a product answers 400 `800070`.
 */
export const BLOCKED_MARKETS: ReadonlySet<string> = new Set(
  (
    'AX AS AD AI AQ AG AW BJ BT BQ BV BR IO VG BF BI KH CF TD CN CX CC KM CG CD CK DJ DM GQ ER FK GF PF TF GA GM GI ' +
    'GL GD GP GU GG GN GW GY HT HM IM SJ JE KI XK LA LS LR MG MW MV ML MH MQ MR YT FM MS MZ MM NR NC NE NU NF MP PW ' +
    'PG PN RE RU BL LC MF PM VC WS SM ST SC SL SX SB SO GS SS SH SR SZ TL TG TK TO TC TV UM VU VA WF YE'
  ).split(' '),
);

/** Product kinds the block list applies to. */
export function isMarketRestrictedKind(kind: string): boolean {
  return kind === 'software' || kind === 'azure-reservation';
}
