/**
 * Search tokens for cases. Chinese has no spaces, so runs of CJK characters become overlapping
 * bigrams (数据库宕机 → 数据 据库 库宕 宕机) and other text becomes lower-case words; both
 * engines index the tokens with PostgreSQL's built-in `simple` text search, no extension needed.
 * A query is tokenised the same way and its tokens must appear in order (phrase search).
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/v;
// A CJK run, or a word of letters and digits of any other script (set subtraction needs /v).
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[[\p{L}\p{N}]--[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]]+/gv;

/** Splits text into index tokens: CJK bigrams (a lone character stays itself) and words. */
export function searchTokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(TOKEN)) {
    const run = match[0];
    if (CJK.test(run[0]!)) {
      const chars = [...run];
      if (chars.length === 1) out.push(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    } else {
      out.push(run);
    }
  }
  return out;
}

/** The document for `to_tsvector('simple', …)`: tokens separated by spaces, positions preserved. */
export function searchDocument(...parts: Array<string | null | undefined>): string {
  return parts.flatMap((p) => (p ? searchTokens(p) : [])).join(' ');
}

/**
 * A `to_tsquery('simple', …)` expression: each whitespace-separated term becomes a phrase of its
 * tokens (`数据 <-> 据库`); terms are ANDed. A single CJK character or a trailing word matches as
 * a prefix. Returns null when the query has nothing searchable.
 */
export function searchQuery(input: string): string | null {
  const terms = input.split(/\s+/).filter(Boolean);
  const phrases: string[] = [];
  for (const term of terms) {
    const tokens = searchTokens(term);
    if (tokens.length === 0) continue;
    const quoted = tokens.map((t) => `'${t}'`);
    // "宕" alone is also the start of the bigram 宕机; a last word may still be being typed.
    if (tokens.length === 1) quoted[0] += ':*';
    phrases.push(quoted.length > 1 ? `(${quoted.join(' <-> ')})` : quoted[0]!);
  }
  return phrases.length ? phrases.join(' & ') : null;
}
