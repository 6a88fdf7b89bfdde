import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import postgres from "postgres";
import { migrateDatabase } from "../db/migrate";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../scripts/launch/embedded-db";
import { freePort } from "./support/ports";
import { runToEnd } from "./support/processes";
import { waitFor } from "./wait-for";

/*
 * `npm run db:backup` / `db:restore` with DATABASE_URL unset: the launcher's
 * embedded PostgreSQL (its own startEmbeddedDatabase, a private DATA_DIR and
 * port) backed up online while rows are being written, restored after it
 * stops (refused while it runs), and started again on the restored data.
 */
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
const port = await freePort();

function npmScript(name: string, file: string, dataDir: string) {
  const [node, ...args] = scripts[name]!.split(" ");
  assert.equal(node, "node");
  const env = { DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) };
  return runToEnd({ command: process.execPath, args: [...args, file], env });
}

const sqlAt = (url: string) => postgres(url, { max: 2, onnotice: () => {} });
const migrationsOf = (sql: postgres.Sql) => sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id`;

test("the running embedded database backs up under writes and restores, once stopped, with every committed row", { timeout: 300_000 }, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chat-embedded-backup-"));
  const backups = mkdtempSync(path.join(tmpdir(), "chat-backups-"));
  const file = path.join(backups, "chat.tar.gz");
  let database: EmbeddedDatabase | undefined = await startEmbeddedDatabase(dataDir, port);
  try {
    await migrateDatabase(database.ownerUrl);
    let sql = sqlAt(database.ownerUrl);
    await sql`insert into users (username, password_hash) select 'before-' || i, 'x' from generate_series(1, 500) as i`;
    const migrations = await migrationsOf(sql);

    const writer = startWriter(sql);
    // A busy box can stall a commit for many seconds: only a failing run waits this long.
    await waitFor(() => assert.ok(writer.committed() >= 50), { timeoutMs: 120_000 });
    const committedBeforeBackup = writer.committed();
    const backup = await npmScript("db:backup", file, dataDir).finally(writer.stop);
    const written = await writer.stop();
    assert.equal(backup.code, 0, backup.output);
    assert.match(backup.output, /backed up the embedded PostgreSQL 18\.\d+/);

    const refused = await npmScript("db:restore", file, dataDir);
    assert.equal(refused.code, 1);
    assert.match(refused.output, /The embedded PostgreSQL is running \(pid \d+.*stop npm start first/);

    await sql.end();
    await database.stop();
    database = undefined;
    const notRunning = await npmScript("db:backup", path.join(backups, "no.tar.gz"), dataDir);
    assert.equal(notRunning.code, 1);
    assert.match(notRunning.output, /not running on port \d+/);

    const restore = await npmScript("db:restore", file, dataDir);
    assert.equal(restore.code, 0, restore.output);
    const aside = readdirSync(dataDir).filter((name) => name.startsWith("pg.before-restore-"));
    assert.equal(aside.length, 1, "the old data folder is moved aside");
    assert.ok(existsSync(path.join(dataDir, aside[0]!, "PG_VERSION")));

    database = await startEmbeddedDatabase(dataDir, port);
    sql = sqlAt(database.ownerUrl);
    const [before] = await sql<{ count: number }[]>`select count(*)::int from users where username like 'before-%'`;
    assert.equal(before?.count, 500);
    // The rows written during the backup: a prefix of the ones committed, those before the backup started included.
    const during = (await sql<{ n: number }[]>`select substr(username, 8)::int as n from users where username like 'during-%' order by 1`).map((row) => row.n);
    assert.deepEqual(during, Array.from({ length: during.length }, (_, i) => i + 1));
    assert.ok(during.length >= committedBeforeBackup && during.length <= written, `${during.length} of ${written} rows`);
    assert.deepEqual(await migrationsOf(sql), migrations);
    await expectConsistent(sql);
    await sql.end();
  } finally {
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(backups, { recursive: true, force: true });
  }
});

/** One row after another, each committed before the next, until stopped; stop() gives how many, or the writer's error. */
function startWriter(sql: postgres.Sql) {
  let writing = true;
  let committed = 0;
  const done = (async () => {
    while (writing) {
      await sql`insert into users (username, password_hash) values (${`during-${committed + 1}`}, 'x')`;
      committed += 1;
    }
    return committed;
  })();
  done.catch(() => {}); // reported by stop()
  const stop = () => {
    writing = false;
    return done;
  };
  return { committed: () => committed, stop };
}

/** Out of recovery, writable, and amcheck finds nothing wrong in any table or b-tree index of the app's schema. */
async function expectConsistent(sql: postgres.Sql): Promise<void> {
  const [state] = await sql<{ recovering: boolean }[]>`select pg_is_in_recovery() as recovering`;
  assert.equal(state?.recovering, false);
  await sql`insert into users (username, password_hash) values ('after-restore', 'x')`;
  await sql`create extension if not exists amcheck`;
  const tables = await sql<{ oid: number; name: string }[]>`
    select c.oid::int, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('public', 'drizzle') and c.relkind = 'r'`;
  assert.ok(tables.some((table) => table.name === "users"));
  for (const table of tables) {
    const corrupt = await sql`select * from verify_heapam(${table.oid}::regclass)`;
    assert.deepEqual([...corrupt], [], `table ${table.name}`);
  }
  const [checked] = await sql<{ indexes: number }[]>`
    select count(bt_index_parent_check(c.oid, true))::int as indexes
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
    join pg_namespace n on n.oid = c.relnamespace where am.amname = 'btree' and n.nspname in ('public', 'drizzle')`;
  assert.ok(checked!.indexes > 0);
}
