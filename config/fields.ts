import { z } from "zod";

/*
 * Zod builders for environment variables, shared by every process's schema.
 * Each reason is written to follow the variable's name ("REALTIME_PORT: must
 * be at most 65535"). Blank values never reach them: parseEnv drops them first.
 */
const required = "is required";

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number("must be a whole number")
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** A whole number in [min, max]; unset: fallback. */
export const int = (fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER) => wholeNumber(min, max).default(fallback);

/** A port to reach or listen on, 1-65535. */
export const port = (fallback: number) => int(fallback, 1, 65535);

/** A port to listen on, where 0 asks the system for any free one (tests). */
export const listenPort = (fallback: number) => int(fallback, 0, 65535);

/** A listen port with no default: unset turns its server off; 0 asks for any free port. */
export const optionalListenPort = () => wholeNumber(0, 65535).optional();

/** A host name or address; unset: fallback. */
export const host = (fallback: string) => z.string().default(fallback);

/** A required URL with one of `schemes` (no "://"); `example` shows the expected shape. */
export function url(schemes: readonly string[], example: string) {
  const prefixes = schemes.map((scheme) => `${scheme}://`);
  return z
    .string(required)
    .refine((value) => URL.canParse(value), { message: `must be a URL such as ${example}`, abort: true })
    .refine((value) => schemes.includes(new URL(value).protocol.slice(0, -1)), `must start with ${prefixes.join(" or ")}`);
}

/** A required secret of at least `min` characters. */
export const secret = (min: number) => z.string(required).min(min, `must be at least ${min} characters`);

/** Free text of at most `max` characters. */
export const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** Comma-separated values, each trimmed, empty ones dropped. */
export const list = () =>
  z.string().transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** true or false; unset: fallback. */
export const flag = (fallback: boolean) =>
  z
    .enum(["true", "false"], "must be true or false")
    .transform((value) => value === "true")
    .default(fallback);

/** One word of a fixed set; unset: fallback. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.enum(values, `must be one of ${values.join(", ")}`).default(fallback);
