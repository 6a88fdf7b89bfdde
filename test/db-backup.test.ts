import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import postgres from "postgres";
import { migrateDatabase } from "../db/migrate";
import { createTestDatabase, testServerUrl } from "./db";
import { runToEnd } from "./support/processes";

/*
 * `npm run db:backup` and `db:restore` (scripts/db-backup.ts) on a private
 * database: rows written, backed up, the database dropped and made again,
 * restored, and the rows are back, migrations included.
 */
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

/** An npm script's command line, run as a process (npm itself adds nothing but its banner). */
function npmScript(name: string, file: string, databaseUrl: string) {
  const [node, ...args] = scripts[name]!.split(" ");
  assert.equal(node, "node");
  return runToEnd({ command: process.execPath, args: [...args, file], env: { DATABASE_URL: databaseUrl } });
}

type UserRow = { id: string; username: string };
const usersOf = (sql: postgres.Sql) => sql<UserRow[]>`select id, username from users order by username`;
const migrationsOf = (sql: postgres.Sql) => sql`select hash from drizzle.__drizzle_migrations order by id`;

test("a backup restores into an empty database with every row and migration", { timeout: 120_000 }, async () => {
  const database = await createTestDatabase("chat_backup");
  const name = new URL(database.url).pathname.slice(1);
  const dir = mkdtempSync(path.join(tmpdir(), "chat-backup-"));
  const file = path.join(dir, "chat.dump");
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  let sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    await sql`insert into users (username, password_hash) values ('ada', 'x'), ('grace', 'y'), ('linus', 'z')`;
    const [users, migrations] = [await usersOf(sql), await migrationsOf(sql)];
    assert.equal(users.length, 3);

    const backup = await npmScript("db:backup", file, database.url);
    assert.equal(backup.code, 0, backup.output);
    assert.equal(readFileSync(file).subarray(0, 5).toString(), "PGDMP", "pg_dump's custom format");

    const refused = await npmScript("db:restore", file, database.url);
    assert.equal(refused.code, 1);
    assert.match(refused.output, /is not empty .* restore goes into an empty database/);

    await sql.end();
    await admin.unsafe(`drop database "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    const restore = await npmScript("db:restore", file, database.url);
    assert.equal(restore.code, 0, restore.output);

    sql = postgres(database.url, { max: 1, onnotice: () => {} });
    assert.deepEqual(await usersOf(sql), users);
    assert.deepEqual(await migrationsOf(sql), migrations);
    await migrateDatabase(database.url); // the app's start finds nothing to apply
    assert.deepEqual(await migrationsOf(sql), migrations);
  } finally {
    await sql.end();
    await admin.end();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
