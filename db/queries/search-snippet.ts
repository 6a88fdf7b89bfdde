/*
 * A search result's context, as plain text in parts: never HTML. PostgreSQL's
 * ts_headline marks each match with StartSel/StopSel; ours are two
 * private-use characters taken out of the body beforehand (search.ts), so a
 * message cannot forge a mark, and the parts are rendered as text.
 */
export type SnippetPart = { text: string; hit: boolean };

const start = "\uE000";
const stop = "\uE001";
/** Stands for `<` while ts_headline reads the body (which would drop anything tag-like). */
const lessThan = "\uE002";

const marks = `StartSel=${start}, StopSel=${stop}`;
/**
 * A message up to `wholeUpTo` code points is shown whole; a longer one as up
 * to two fragments of about 8-20 words around the matches (which start and
 * end at a word, so they drop the punctuation around them).
 */
export const headline = {
  wholeUpTo: 280,
  whole: `${marks}, HighlightAll=true`,
  fragments: `${marks}, MaxWords=20, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`,
};

/** ts_headline's output as parts: text between the marks is a hit. Adjacent parts of one kind are merged; empty ones dropped. */
export function toSnippet(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  for (const piece of headline.replaceAll(lessThan, "<").split(/([\uE000\uE001])/)) {
    if (piece === start) hit = true;
    else if (piece === stop) hit = false;
    else if (piece) {
      const last = parts[parts.length - 1];
      if (last && last.hit === hit) last.text += piece;
      else parts.push({ text: piece, hit });
    }
  }
  return parts;
}
