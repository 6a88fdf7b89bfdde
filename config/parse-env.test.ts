import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { z } from "zod";
import { loadDotEnv } from "./dotenv";
import { int, port, secret } from "./fields";
import { ConfigError, exitOnConfigError, parseEnv } from "./parse-env";

const schema = z.object({ PORT: port(3000), SECRET: secret(16), LIMIT: int(5) });

test("blank and white-space values count as unset", () => {
  const env = parseEnv(schema, { PORT: "", SECRET: "0123456789abcdef", LIMIT: "   " });
  assert.deepEqual(env, { PORT: 3000, SECRET: "0123456789abcdef", LIMIT: 5 });
});

test("one ConfigError names every bad variable and why, one line each", () => {
  const error = catchError(() => parseEnv(schema, { PORT: "eighty", SECRET: "short", LIMIT: "0" }));
  assert.ok(error instanceof ConfigError);
  assert.deepEqual(error.problems, [
    { variable: "PORT", reason: "must be a whole number" },
    { variable: "SECRET", reason: "must be at least 16 characters" },
    { variable: "LIMIT", reason: "must be at least 1" },
  ]);
  assert.equal(
    error.message,
    "Invalid environment:\n  PORT: must be a whole number\n  SECRET: must be at least 16 characters\n  LIMIT: must be at least 1",
  );
});

test("a rule between variables is reported under the variable it names", () => {
  const ordered = z.object({ LOW: int(1), HIGH: int(2) }).refine((e) => e.LOW < e.HIGH, { path: ["LOW"], message: "must be less than HIGH" });
  assert.throws(() => parseEnv(ordered, { LOW: "3" }), /LOW: must be less than HIGH/);
});

test("exitOnConfigError: the value, or the message on stderr and exit 1; other errors are rethrown", (t) => {
  assert.equal(exitOnConfigError(() => 42), 42);
  const exit = t.mock.method(process, "exit", () => undefined as never);
  const printed = t.mock.method(console, "error", () => {});
  exitOnConfigError(() => parseEnv(schema, {}));
  assert.deepEqual(exit.mock.calls[0]?.arguments, [1]);
  assert.match(String(printed.mock.calls[0]?.arguments[0]), /^Invalid environment:\n {2}SECRET: is required$/);
  assert.throws(() => exitOnConfigError(() => { throw new TypeError("bug"); }), TypeError);
  assert.equal(exit.mock.callCount(), 1);
});

test("loadDotEnv: a missing file is fine; the real environment wins over the file", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "chat-dotenv-"));
  const keys = ["CHAT_DOTENV_FILE_ONLY", "CHAT_DOTENV_BOTH"];
  try {
    loadDotEnv(path.join(dir, "absent.env"));
    const file = path.join(dir, ".env");
    writeFileSync(file, "CHAT_DOTENV_FILE_ONLY=from-file\nCHAT_DOTENV_BOTH=from-file\n");
    process.env.CHAT_DOTENV_BOTH = "from-env";
    loadDotEnv(file);
    assert.equal(process.env.CHAT_DOTENV_FILE_ONLY, "from-file");
    assert.equal(process.env.CHAT_DOTENV_BOTH, "from-env");
  } finally {
    for (const key of keys) delete process.env[key];
    rmSync(dir, { recursive: true, force: true });
  }
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  assert.fail("expected an error");
}
