import { clientFrame } from "../../protocol";
import type { Rng } from "./prng";

/*
 * Valid client frames generated from the protocol's own zod schema (zod v4
 * exposes each schema's definition: `.def`, `.shape`, `.minLength`, ...), so a
 * field added to a frame is fuzzed without touching this file. A schema kind
 * this walker does not know stops the run with a message saying so, rather
 * than silently fuzzing less.
 *
 * Hints give a field values that reach deeper into the handlers (a real room,
 * a real message id); a hint's value is used only if the field's schema
 * accepts it, so every generated frame is valid by construction.
 */
type Node = {
  def: {
    type: string;
    values?: readonly unknown[];
    entries?: Record<string, unknown>;
    innerType?: Node;
    element?: Node;
    format?: string;
    options?: readonly Node[];
  };
  shape?: Record<string, Node>;
  minLength?: number | null;
  maxLength?: number | null;
  isInt?: boolean;
  minValue?: number | null;
  maxValue?: number | null;
  safeParse(value: unknown): { success: boolean };
};

export type Hints = Record<string, ((rng: Rng) => unknown) | undefined>;
export type FrameObject = Record<string, unknown>;

const frameOptions = (clientFrame as unknown as Node).def.options ?? [];

/** Every frame type the schema has, e.g. ["subscribe", "unsubscribe", ...]. */
export const frameTypes: string[] = frameOptions.map((o) => String(o.shape?.type?.def.values?.[0]));

/** A valid frame of the given type (any type when omitted). */
export function arbitraryFrame(rng: Rng, hints: Hints, type?: string): FrameObject {
  const option = type === undefined ? rng.pick(frameOptions) : frameOptions[frameTypes.indexOf(type)];
  if (!option?.shape) throw new Error(`no frame type ${type} in clientFrame`);
  const frame: FrameObject = {};
  for (const [key, schema] of Object.entries(option.shape)) {
    const value = fieldValue(rng, key, schema, hints);
    if (value !== undefined) frame[key] = value;
  }
  return frame;
}

function fieldValue(rng: Rng, key: string, schema: Node, hints: Hints): unknown {
  const hint = hints[key];
  if (hint && rng.chance(0.9)) {
    const value = hint(rng);
    if (schema.safeParse(value).success) return value;
  }
  return arbitrary(rng, schema);
}

/** Any value the schema accepts. */
export function arbitrary(rng: Rng, schema: Node): unknown {
  const { def } = schema;
  switch (def.type) {
    case "literal":
      return rng.pick(def.values ?? []);
    case "enum":
      return rng.pick(Object.values(def.entries ?? {}));
    case "optional":
      return rng.chance(0.3) ? undefined : arbitrary(rng, def.innerType!);
    case "nullable":
      return rng.chance(0.2) ? null : arbitrary(rng, def.innerType!);
    case "boolean":
      return rng.chance(0.5);
    case "string":
      return arbitraryString(rng, schema);
    case "number":
      return arbitraryNumber(rng, schema);
    case "array":
      return Array.from({ length: rng.int(4) }, () => arbitrary(rng, def.element!));
    case "object":
      return Object.fromEntries(Object.entries(schema.shape ?? {}).map(([k, s]) => [k, arbitrary(rng, s)]));
    default:
      throw new Error(`fuzz: no generator for zod schema type "${def.type}"; extend test/fuzz/schema-arbitrary.ts`);
  }
}

const alphabet = [..."abcdefghijklmnopqrstuvwxyz0123456789 -_.:/", "é", "中", "😀", "\u200d", "\u0301", "\t"];

function arbitraryString(rng: Rng, schema: Node): string {
  const format = schema.def.format;
  if (format === "uuid" || format === "guid") return rng.uuid();
  if (format) throw new Error(`fuzz: no generator for string format "${format}"; extend test/fuzz/schema-arbitrary.ts`);
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 64, min + 64);
  for (;;) {
    let text = "";
    const length = rng.between(min, max);
    while (text.length < length) text += rng.pick(alphabet);
    // An astral character counts 2 UTF-16 units (zod's length): trim back into range.
    text = text.slice(0, max);
    if (schema.safeParse(text).success) return text;
  }
}

function arbitraryNumber(rng: Rng, schema: Node): number {
  const min = schema.minValue ?? -1e6;
  const max = schema.maxValue ?? 1e6;
  const near = Math.min(max, min + 1000);
  const value = rng.weighted<number>([
    [6, min + rng.next() * (near - min)],
    [1, min],
    [1, max],
    [1, min + rng.next() * (max - min)],
  ]);
  return schema.isInt ? Math.min(max, Math.max(min, Math.round(value))) : value;
}
