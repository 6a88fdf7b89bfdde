import type { Rng } from "./prng";
import type { FrameObject } from "./schema-arbitrary";
import { hugeString, prototypeKeys } from "./texts";

/** One WebSocket frame as it goes on the wire. */
export type Wire = { data: string | Buffer; binary: boolean; label: string };

const otherTypes: unknown[] = [0, -1, 1.5, true, false, null, [], {}, "", "x", [1, "a"], { a: 1 }, "0", "true"];
const unknownTypes: unknown[] = ["", "SEND", "send ", "Subscribe", "ping", "ready", "ack", "error", "message", ...prototypeKeys, 1, null, ["send"], { type: "send" }];
const rawNumbers = ["-0", "1e400", "-1e400", "1.0", "1e2", "0.5", "-1", "9007199254740993", "1E+2", "0x10", "NaN", "Infinity", "01", "1_000"];

/** Set a key as an own property, even "__proto__" (an assignment would change the prototype instead). */
function setOwn(target: FrameObject, key: string, value: unknown): FrameObject {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const keysOf = (frame: FrameObject) => Object.keys(frame);
const text = (frame: unknown) => JSON.stringify(frame);

function nested(rng: Rng, depth: number): string {
  return rng.chance(0.5) ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** A mutation of a valid frame that stays within the frame limit, so it reaches the parser. */
export function mutateFrame(rng: Rng, frame: FrameObject, maxFrameBytes: number): Wire {
  const [label, build] = rng.weighted<readonly [string, () => string | Buffer]>([
    [30, ["valid", () => text(frame)]],
    [10, ["wrong type", () => text(setOwn(frame, rng.pick(keysOf(frame)), rng.pick(otherTypes)))]],
    [6, ["missing field", () => text(omit(frame, rng.pick(keysOf(frame))))]],
    [8, ["extra fields", () => text(withExtras(rng, frame))]],
    [5, ["unknown type", () => text(setOwn(frame, "type", rng.pick(unknownTypes)))]],
    [4, ["prototype values", () => text(protoValues(rng, frame))]],
    [4, ["prototype keys", () => protoKeyText(rng, frame)]],
    [5, ["huge string", () => text(setOwn(frame, rng.pick(keysOf(frame)), hugeString(rng, rng.between(100, maxFrameBytes - 200))))]],
    [4, ["deep nesting", () => deepText(rng, frame, maxFrameBytes)]],
    [4, ["raw number", () => text(setOwn(frame, rng.pick(keysOf(frame)), "\u0001N")).replace('"\\u0001N"', rng.pick(rawNumbers))]],
    [5, ["not json", () => notJson(rng, text(frame))]],
    [3, ["nul bytes", () => Buffer.from(text(frame).replace(/,/, rng.pick([",\u0000", ", \u0000 "])))]],
    [2, ["non-object", () => rng.pick(["null", "true", "1", '"send"', "[]", `[${text(frame)}]`, '""'])]],
  ]);
  const data = build();
  return { data, binary: false, label };
}

/** Binary frames: the contract speaks of text frames; whatever the sidecar does with these must be an answer. */
export function binaryFrame(rng: Rng, frame: FrameObject): Wire {
  const random = () => Buffer.from(Array.from({ length: rng.int(200) }, () => rng.int(256)));
  const data = rng.weighted<() => Buffer>([
    [6, random],
    [2, () => Buffer.from(text(frame))],
    [1, () => Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from(text(frame))])],
  ])();
  return { data, binary: true, label: "binary" };
}

function omit(frame: FrameObject, key: string): FrameObject {
  const copy = { ...frame };
  delete copy[key];
  return copy;
}

function withExtras(rng: Rng, frame: FrameObject): FrameObject {
  const names = [...prototypeKeys, "ref", "user", "admin", "seq", "id", "room", "type", `k${rng.int(100)}`];
  for (let i = rng.between(1, 4); i > 0; i--) {
    const value = rng.pick<unknown>([1, "x", null, true, [1, 2], { isAdmin: true }, setOwn({}, "__proto__", { polluted: true })]);
    // A duplicated known key is not "extra": only add names the frame lacks.
    const name = rng.pick(names);
    if (!(name in frame) || prototypeKeys.includes(name)) setOwn(frame, name, value);
  }
  return frame;
}

function protoValues(rng: Rng, frame: FrameObject): FrameObject {
  for (const key of keysOf(frame)) if (typeof frame[key] === "string" && key !== "type") frame[key] = rng.pick(prototypeKeys);
  return frame;
}

function protoKeyText(rng: Rng, frame: FrameObject): string {
  const key = rng.pick(prototypeKeys);
  const shapes = [
    () => text(setOwn({ ...frame }, key, { type: "send", polluted: true })),
    () => text(setOwn({}, key, frame)),
    () => text(setOwn(omit(frame, "type"), key, { type: frame.type })),
    () => text(setOwn({ ...frame }, rng.pick(keysOf(frame)), setOwn({}, "__proto__", { toString: "x" }))),
  ];
  return rng.pick(shapes)();
}

function deepText(rng: Rng, frame: FrameObject, maxFrameBytes: number): string {
  const budget = maxFrameBytes - Buffer.byteLength(text(frame)) - 50;
  const depth = rng.between(100, Math.max(100, Math.floor(budget / 6)));
  if (rng.chance(0.3)) return nested(rng, depth);
  return text(setOwn({ ...frame }, rng.pick(keysOf(frame)), "\u0001D")).replace('"\\u0001D"', nested(rng, depth));
}

function notJson(rng: Rng, valid: string): string {
  return rng.pick<() => string>([
    () => valid.slice(0, rng.int(valid.length)),
    () => `${valid}${rng.pick(["}", ",", " x", "\u0000", "{}"])}`,
    () => `\ufeff${valid}`,
    () => valid.replace(/"/g, "'"),
    () => valid.replace("{", "{/* c */"),
    () => valid.replace("}", ",}"),
    () => valid.replace(/^{/, `{"type":"subscribe",`),
    () => Array.from({ length: rng.int(64) }, () => String.fromCharCode(rng.int(0x3000))).join(""),
    () => rng.pick(["", " ", "\n", "{", "}", "[", "undefined", "NaN", "{}", "{{}}", "\u0000"]),
  ])();
}
