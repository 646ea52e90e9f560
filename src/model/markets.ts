/**
 * Market (country) data used by spec validation and the sandbox. Static on purpose: these
 * lists change rarely, and checking them needs no API call (docs/spec-reference.md).
 */

/**
 * ISO 3166-1 alpha-2 codes of every officially assigned country, plus `XK` (Kosovo, which has
 * no ISO code but is the code in common use; docs/partner-center-api.md §8).
 */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ ' +
    'BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR ' +
    'CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ' +
    'ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ ' +
    'LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
    'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
    'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI ' +
    'SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR ' +
    'TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
  ).split(' '),
);

/**
 * Markets where Microsoft sells neither software subscriptions nor Azure reservations through
 * CSP. Source: docs/partner-center-api.md §8, the "unavailable markets" list shared by the Learn
 * pages "Make a one-time purchase" (software) and "Purchase Azure reservations"; names mapped
 * to ISO codes there (Bonaire/Saba/Sint Eustatius → BQ, Svalbard/Jan Mayen → SJ, Kosovo → XK).
 * Buying there fails with 400 `800070`.
 */
export const BLOCKED_MARKETS: ReadonlySet<string> = new Set(
  (
    'AX AS AD AI AQ AG AW BJ BT BQ BV BR IO VG BF BI KH CF TD CN CX CC KM CG CD CK DJ DM GQ ER ' +
    'FK GF PF TF GA GM GI GL GD GP GU GG GN GW GY HT HM IM SJ JE KI XK LA LS LR MG MW MV ML MH ' +
    'MQ MR YT FM MS MZ MM NR NC NE NU NF MP PW PG PN RE RU BL LC MF PM VC WS SM ST SC SL SX SB ' +
    'SO GS SS SH SR SZ TL TG TK TO TC TV UM VU VA WF YE'
  ).split(' '),
);

/** True for an upper-case code in {@link COUNTRY_CODES}. */
export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}

/** True when software subscriptions and Azure reservations are not sold in `country`. */
export function isBlockedMarket(country: string): boolean {
  return BLOCKED_MARKETS.has(country.toUpperCase());
}
