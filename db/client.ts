import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = ReturnType<typeof createDb>["db"];

/**
 * max: connections this pool keeps (DATABASE_POOL_SIZE). prepare: named
 * prepared statements (DATABASE_PREPARE); off, every query is parsed afresh
 * as the unnamed statement, which PgBouncer < 1.21 in transaction mode needs.
 * Drizzle's own queries never name theirs; the send path's hand-written
 * statements (queries/message-batch.ts) and postgres.js's type lookup do.
 */
export type DbPoolOptions = { max?: number; prepare?: boolean };

/** The one way both processes open the database. */
export function createDb(url: string, { max = 10, prepare = true }: DbPoolOptions = {}) {
  const sql = postgres(url, { max, prepare, onnotice: () => {} });
  return { sql, db: drizzle(sql, { schema }) };
}
