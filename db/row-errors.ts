import postgres from "postgres";

/*
 * Why PostgreSQL refused a statement, as far as a retry cares. One statement
 * writes a whole batch of messages, so one row it refuses fails every row
 * with it. An error caused by a row's own content fails again for that row
 * alone and not for the others, so the batch can be split to find it:
 *   - "data": SQLSTATE class 22, data exception (22021 NUL or bad encoding,
 *     22P05 untranslatable character, 22001 value too long, 22P02 bad uuid);
 *   - "integrity": class 23 (e.g. 23503: the author no longer exists).
 * Anything else (connection lost, server shutting down, deadlock) is no
 * row's fault: null, and the whole batch fails as one.
 */
export type RowContentError = "data" | "integrity";

export function rowContentError(error: unknown): RowContentError | null {
  if (!(error instanceof postgres.PostgresError)) return null;
  if (error.code.startsWith("22")) return "data";
  if (error.code.startsWith("23")) return "integrity";
  return null;
}
