// Every number the calculator is bounded by, in one place. Pure ES module (browser and node).

export { MIN_YEAR, MAX_YEAR } from "./compute.js";
import { MIN_YEAR, MAX_YEAR } from "./compute.js";

/** The date inputs' min/max attributes. */
export const MIN_DATE = `${MIN_YEAR}-01-01`;
export const MAX_DATE = `${MAX_YEAR}-12-31`;

/** One row (batch) holds at most this many identical violations. */
export const MAX_COUNT = 1000;
/** All rows together hold at most this many violations. */
export const MAX_VIOLATIONS = 5000;
/** Distinct rows (batches); identical violations are one row with a count. */
export const MAX_ROWS = 1000;
/** Account Health Rating range, and the points one violation can cost. */
export const MAX_SCORE = 1000;
/** Band thresholds of the rating: healthy from 200, at risk from 100, critical below. */
export const BANDS = Object.freeze({ healthy: 200, risk: 100 });

/**
 * Link (URL fragment) caps, checked before anything is split, so a hostile link costs nothing.
 * 1,000 distinct rows of the longest form (type:date:resolved~deactivated*1000!) fit in 100,000 characters.
 */
export const MAX_FRAGMENT = 100000;
export const MAX_FRAGMENT_ITEMS = MAX_ROWS;
/** Paste caps: characters and lines read from the paste box. */
export const MAX_PASTE = 200000;
export const MAX_PASTE_LINES = MAX_ROWS;
/** At most this many problems are listed one by one; the rest are counted. */
export const MAX_PROBLEMS = 20;

/** Rows drawn at once; the rest appear on "Show all" (1,000 table rows cost ~250 ms of style and layout). */
export const FIRST_ROWS = 100;
