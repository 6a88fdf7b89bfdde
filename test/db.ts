import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createDb, type Db } from "../db/client";
import { migrateDatabase } from "../db/migrate";

/** The server tests make their throwaway databases on (never the app's own data). */
export const testServerUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { url: string; db: Db; close: () => Promise<void>; drop: () => Promise<void> };

/** A fresh, migrated database of its own for one test file; drop() removes it. */
export async function createTestDatabase(prefix = "chat_test"): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = withDatabase(testServerUrl, name);
  await migrateDatabase(url);
  const { db, sql } = createDb(url, { max: 4 });
  return {
    url,
    db,
    close: async () => {
      await sql.end();
      await admin.end();
    },
    drop: async () => {
      await sql.end();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
