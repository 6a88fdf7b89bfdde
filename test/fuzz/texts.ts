import type { Rng } from "./prng";

/*
 * Strings a hostile client would try: message bodies, emoji, ids. NUL and
 * the other C0 controls are in on purpose (PostgreSQL cannot store NUL in
 * text), as are lone surrogates (not representable in UTF-8).
 */
const words = ["hello", "world", "ok", "lunch?", "ship it", "👍", "héllo", "日本語", "مرحبا", "שלום", "∑≠∞"];
const tricky = [
  "'; drop table messages; --",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "%s%s%n%x",
  "${process.exit()}",
  "{{constructor.constructor('x')()}}",
  "__proto__",
  "constructor",
  "\u202eevil\u202c",
  "a\u0301\u0302\u0303\u0304",
  "\ufeffbom",
  "\uffff\ufffe",
  "👩‍👩‍👧‍👦",
  "\u2028\u2029",
  "\u200b",
];
const whitespace = ["", " ", "\n\t ", "\u00a0", "\u3000", "\u2003\u2003"];
const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).concat("\u007f");

function repeatTo(rng: Rng, pieces: readonly string[], codePoints: number): string {
  const out: string[] = [];
  while (out.length < codePoints) out.push(...rng.pick(pieces));
  return out.slice(0, codePoints).join("");
}

/** A message body: mostly ordinary, sometimes hostile, empty, or around the length limit. */
export function bodyText(rng: Rng, maxCodePoints = 4000): string {
  return rng.weighted<() => string>([
    [30, () => Array.from({ length: rng.between(1, 8) }, () => rng.pick(words)).join(" ")],
    [8, () => rng.pick(tricky)],
    [4, () => rng.pick(whitespace)],
    [3, () => `a${rng.pick(controls)}b`],
    [2, () => `nul\u0000byte`],
    [2, () => rng.pick(["\ud800", "x\udfffy", "\udc00\ud800"])],
    [3, () => repeatTo(rng, ["x", "é", "😀"], maxCodePoints + rng.between(-2, 2))],
    [2, () => repeatTo(rng, words, rng.between(100, 1000))],
  ])();
}

const emoji = ["👍", "❤️", "😂", "🎉", "👍🏽", "👩‍💻", "🏳️‍🌈", "1️⃣", "🇫🇷", "☺", "#", "a", "__proto__", "constructor", "toString", "😀😀", "\u0000"];

export function emojiText(rng: Rng): string {
  return rng.chance(0.8) ? rng.pick(emoji) : repeatTo(rng, ["😀", "x", "\u200d", "\ufe0f"], rng.between(1, 20));
}

/** A string of about `bytes` UTF-8 bytes, of one flavour. */
export function hugeString(rng: Rng, bytes: number): string {
  const flavour = rng.pick(["x", "é", "😀", "\u0000", "\\", '"', "\u0301"]);
  const perChar = Buffer.byteLength(JSON.stringify(flavour)) - 2;
  return flavour.repeat(Math.max(1, Math.floor(bytes / perChar)));
}

export const prototypeKeys = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "then"];
