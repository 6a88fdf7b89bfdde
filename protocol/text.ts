import { z } from "zod";

/*
 * Text every side can store and show. PostgreSQL refuses NUL in `text`
 * (22021), and one refused row fails the whole statement it is in, so a
 * message batch with one NUL would fail every send in it. A lone UTF-16
 * surrogate is not Unicode at all: encoded to UTF-8 it silently becomes
 * U+FFFD, so what was stored would differ from what was sent. Both are
 * refused at the door, in every text input, by this one rule.
 */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && isWellFormed(text);
}

type MaybeWellFormed = { isWellFormed?: () => boolean };
const nativeWellFormed = typeof (String.prototype as MaybeWellFormed).isWellFormed === "function";
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No unpaired surrogate. Native where it exists (Node 20, current browsers). */
function isWellFormed(text: string): boolean {
  return nativeWellFormed ? (text as MaybeWellFormed).isWellFormed!() : hasNoLoneSurrogate(text);
}

/** The fallback for engines without String.prototype.isWellFormed; exported for its test. */
export function hasNoLoneSurrogate(text: string): boolean {
  return !loneSurrogate.test(text);
}

export const unstorableTextMessage = "must not contain NUL or unpaired surrogate characters";

/** A zod string that only accepts storable text: the base of every text field on the wire and over HTTP. */
export function storableText() {
  return z.string().refine(isStorableText, unstorableTextMessage);
}
