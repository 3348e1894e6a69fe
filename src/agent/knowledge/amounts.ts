/**
 * What an amount of money looks like in a business's text, in any currency: a currency symbol
 * (Unicode's `\p{Sc}`: $, £, €, ¥, ₹ …) or an ISO 4217 code before or after the figure. One
 * definition for retrieval (tokenize: an amount is a price term) and for whether an answer speaks
 * to a price (answer-fit); character classes elsewhere use `\p{Sc}` directly.
 */

/** ISO 4217 codes of the currencies a business is likely to write prices in (lowercase: text is). */
const CURRENCY_CODE = '(?:usd|cad|aud|nzd|gbp|eur|chf|sek|nok|dkk|zar|inr|sgd|hkd|jpy|mxn)';

/** A written amount with its currency: "$149", "£1,200.50", "AUD 40", "120 eur" (match with flags `giu`). */
export const AMOUNT_WITH_CURRENCY = `\\p{Sc}\\s?\\d[\\d,]*(?:\\.\\d+)?|\\b${CURRENCY_CODE}\\s?\\d[\\d,]*(?:\\.\\d+)?|\\b\\d[\\d,]*(?:\\.\\d+)?\\s?${CURRENCY_CODE}\\b`;
