import type { z } from "zod";

/*
 * The one way every process reads its environment: blank values count as
 * unset (so `FOO=` in .env falls back to the default), and every bad value is
 * reported at once, one line per variable, in one format:
 *
 *   Invalid environment:
 *     REALTIME_PORT: must be a whole number
 *     NEXTAUTH_SECRET: must be at least 16 characters
 */
export type EnvSource = Record<string, string | undefined>;
export type ConfigProblem = { variable: string; reason: string };

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The source parsed by the schema; a ConfigError naming every bad variable otherwise. */
export function parseEnv<T extends z.ZodType>(schema: T, source: EnvSource): z.output<T> {
  const result = schema.safeParse(withoutBlanks(source));
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({ variable: issue.path.join(".") || "env", reason: issue.message })),
  );
}

/** For a process's entry: on a ConfigError print its message and exit 1 (other errors are bugs: rethrown). */
export function exitOnConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** A value of only white space is as good as unset (it would coerce to 0 as a number). */
function withoutBlanks(source: EnvSource): EnvSource {
  const kept: EnvSource = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== "") kept[key] = value;
  }
  return kept;
}
