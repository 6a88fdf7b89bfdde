import assert from "node:assert/strict";
import { ConfigError, parseEnv } from "./parse-env";

/* For the config tests: the variables every server process requires, and a schema's complaints. */
export const required = { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/chat", NEXTAUTH_SECRET: "0123456789abcdef" };

/** "VAR: reason" lines of the ConfigError, or [] when the source parses. */
export function problems(schema: Parameters<typeof parseEnv>[0], source: Record<string, string>): string[] {
  try {
    parseEnv(schema, source);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems.map((p) => `${p.variable}: ${p.reason}`);
  }
}
