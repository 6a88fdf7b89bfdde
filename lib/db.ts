import { createDb } from "@/db/client";
import { getEnv } from "./env";

type DbHandle = ReturnType<typeof createDb>;

// Kept on globalThis so dev hot reloads reuse one pool instead of leaking one per reload.
const holder = globalThis as typeof globalThis & { __chatWebDb?: DbHandle };

/** The one database handle of this server process, opened on first use. */
function getDbHandle(): DbHandle {
  const env = getEnv();
  holder.__chatWebDb ??= createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_SIZE, prepare: env.DATABASE_PREPARE });
  return holder.__chatWebDb;
}

export function getDb(): DbHandle["db"] {
  return getDbHandle().db;
}
