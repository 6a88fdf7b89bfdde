import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDatabase } from "../../db/migrate";
import { testServerUrl } from "../db";
import type { PgBouncer } from "./pgbouncer";

/* A throwaway database reached through a private PgBouncer, migrated through it too. */
export type PooledDatabase = { name: string; directUrl: string; pooledUrl: string; drop(): Promise<void> };

export async function createPooledDatabase(bouncer: PgBouncer, prefix: string): Promise<PooledDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const directUrl = new URL(testServerUrl);
  directUrl.pathname = `/${name}`;
  const pooledUrl = bouncer.url(name);
  // Drizzle's migrator runs every pending migration in one transaction and holds no session state.
  await migrateDatabase(pooledUrl);
  return {
    name,
    directUrl: directUrl.toString(),
    pooledUrl,
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
