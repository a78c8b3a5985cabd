/**
 * What a person types in the search box, as an FTS5 query on one of the catalogue's two search
 * indexes: preset_search (003: unicode61 words, each term a word prefix) and preset_search_infix
 * (006: trigrams, each term found anywhere inside a word, so "chrome" finds Kodachrome). A
 * trigram needs three characters, so a word of one or two is matched on the word index as a
 * word's start ("k" finds every word starting with k). Every word must match; each is quoted,
 * so punctuation in the input can never be read as FTS5 syntax.
 */

/** FTS5 match expressions per index; a query of only short (or only long) words has one. */
export interface SearchQuery {
  /** For preset_search_infix: the words of three characters or more. */
  readonly infix?: string;
  /** For preset_search: the shorter words, as prefixes. */
  readonly prefix?: string;
}

/** Characters in a trigram (https://sqlite.org/fts5.html#the_trigram_tokenizer). */
const TRIGRAM = 3;

export function searchQuery(text: string): SearchQuery | undefined {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu);
  if (!words) return undefined;
  const long = words.filter((w) => [...w].length >= TRIGRAM);
  const short = words.filter((w) => [...w].length < TRIGRAM);
  return {
    ...(long.length ? { infix: long.map((w) => `"${w}"`).join(' AND ') } : {}),
    ...(short.length ? { prefix: short.map((w) => `"${w}"*`).join(' AND ') } : {}),
  };
}
