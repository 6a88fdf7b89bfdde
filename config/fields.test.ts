import assert from "node:assert/strict";
import { test } from "node:test";
import type { z } from "zod";
import { host, int, list, listenPort, oneOf, port, secret, text, url } from "./fields";

/** The first issue's message, or "ok" when the value parses. */
function reason(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  return result.success ? "ok" : (result.error.issues[0]?.message ?? "");
}

test("int: whole numbers in range, the fallback when unset, a reason otherwise", () => {
  const schema = int(5, 1, 10);
  assert.equal(schema.parse(undefined), 5);
  assert.equal(schema.parse("7"), 7);
  assert.equal(reason(schema, "lots"), "must be a whole number");
  assert.equal(reason(schema, "1.5"), "must be a whole number");
  assert.equal(reason(schema, "0"), "must be at least 1");
  assert.equal(reason(schema, "11"), "must be at most 10");
  assert.equal(reason(int(0), "0"), "must be at least 1", "min defaults to 1");
});

test("port: 1-65535; listenPort also takes 0 (any free port)", () => {
  assert.equal(port(3000).parse(undefined), 3000);
  assert.equal(reason(port(3000), "0"), "must be at least 1");
  assert.equal(reason(port(3000), "65536"), "must be at most 65535");
  assert.equal(listenPort(3001).parse("0"), 0);
  assert.equal(reason(listenPort(3001), "70000"), "must be at most 65535");
});

test("url: must parse, then must have one of the schemes", () => {
  const schema = url(["redis", "rediss"], "redis://127.0.0.1:6379");
  assert.equal(schema.parse("rediss://cache:6380"), "rediss://cache:6380");
  assert.equal(reason(schema, "not a url"), "must be a URL such as redis://127.0.0.1:6379");
  assert.equal(reason(schema, "http://x"), "must start with redis:// or rediss://");
  assert.equal(reason(schema, undefined), "is required");
  assert.equal(schema.optional().parse(undefined), undefined);
});

test("secret: required and at least min characters", () => {
  assert.equal(reason(secret(16), undefined), "is required");
  assert.equal(reason(secret(16), "short"), "must be at least 16 characters");
  assert.equal(secret(16).parse("0123456789abcdef"), "0123456789abcdef");
});

test("host, text, list and oneOf", () => {
  assert.equal(host("127.0.0.1").parse(undefined), "127.0.0.1");
  assert.equal(reason(text(4), "12345"), "must be at most 4 characters");
  assert.deepEqual(list().parse(" a, ,b ,"), ["a", "b"]);
  const level = oneOf(["info", "debug"], "info");
  assert.equal(level.parse(undefined), "info");
  assert.equal(reason(level, "loud"), "must be one of info, debug");
});
