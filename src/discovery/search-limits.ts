/** The bounds of a search: how long its text may be and how much each source reads. */

export const MAX_SEARCH_LENGTH = 200;
/** How many of its best hits each source (names, words of names, each full-text index) contributes. */
export const SEARCH_WINDOW = 200;
/**
 * How many matching rows a full-text source reads before ranking them: MariaDB fetches every matching row
 * to order by relevance, so a common word would read the whole table; the best SEARCH_WINDOW of the first
 * FULL_TEXT_CANDIDATES matches (in index order) are kept instead. Below that many matches, this is exact.
 */
export const FULL_TEXT_CANDIDATES = 500;
/** Words of the text matched against the words of names; further words only count in full-text. */
export const MAX_SEARCH_WORDS = 8;
