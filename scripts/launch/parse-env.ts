import type { z } from "zod";

/** Parse env with a schema; on a bad value name the variable and why, then exit. */
export function parseEnvOrExit<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    console.error(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  process.exit(1);
}
