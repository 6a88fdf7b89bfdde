/**
 * A message of one to three emoji and nothing else (white space aside) is
 * shown larger, as in most chat apps. "Emoji" is Unicode's RGI set, the same
 * definition reactions use (protocol/emoji.ts): a skin-tone or ZWJ sequence,
 * a keycap or a flag counts as one; a bare digit or `#` does not.
 */
const maxLargeEmoji = 3;

/** Longer than this many UTF-16 units cannot be three emoji (the longest RGI emoji has 15). */
const maxLength = maxLargeEmoji * 16;

let anyEmoji: RegExp | null | undefined;

export function isEmojiOnly(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > maxLength) return false;
  const pattern = emojiPattern();
  if (!pattern) return false;
  const count = trimmed.match(pattern)?.length ?? 0;
  return count >= 1 && count <= maxLargeEmoji && trimmed.replace(pattern, "").trim() === "";
}

/** Built on first use: the `v` flag needs Chrome 112 or Node 20; an older browser just shows emoji at text size. */
function emojiPattern(): RegExp | null {
  if (anyEmoji === undefined) {
    try {
      anyEmoji = new RegExp("\\p{RGI_Emoji}", "gv");
    } catch {
      anyEmoji = null;
    }
  }
  return anyEmoji;
}
