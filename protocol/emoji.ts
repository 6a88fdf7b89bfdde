/**
 * A reaction is ONE emoji as Unicode defines them: an RGI emoji (Recommended
 * for General Interchange: a single pictograph, a keycap, a flag, a skin-tone
 * or ZWJ sequence), at most ten code points. Refused: letters, words, two
 * emoji, emoji inside text, stray joiners and selectors, and keys such as
 * `__proto__` or `constructor` that would collide with object properties
 * where reactions become `{"<emoji>": [...]}`.
 */

/** UTF-16 units; the longest RGI emoji (a kiss with two skin tones) has 15. */
export const maxEmojiLength = 32;

/*
 * Built on first use with the `v` flag's \p{RGI_Emoji} (Node 20, Chrome 112).
 * Only the sidecar validates client frames; compiling the pattern lazily
 * keeps a browser without the flag from failing when it loads the protocol.
 */
let rgiEmoji: RegExp | undefined;

export function isReactionEmoji(text: string): boolean {
  if (text.length === 0 || text.length > maxEmojiLength) return false;
  rgiEmoji ??= new RegExp("^\\p{RGI_Emoji}$", "v");
  return rgiEmoji.test(text);
}
