import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import postgres from "postgres";
import { createDb } from "../db/client";
import { createPooledDatabase, type PooledDatabase } from "./support/pgbouncer-db";
import { startPgBouncer, type PgBouncer } from "./support/pgbouncer";

/*
 * Why DATABASE_PREPARE=false behind PgBouncer < 1.21 in transaction mode:
 * postgres.js names the statements it prepares (the send path's batch insert
 * is one) and reuses the name on that client connection, but PgBouncer hands
 * each transaction whichever server connection is free, and a name prepared
 * on one server connection does not exist on another. The test steers a
 * pooled client onto the server connection that never saw its statement.
 */
let bouncer: PgBouncer;
let database: PooledDatabase;
let pinners: postgres.Sql[] = [];

before(async () => {
  bouncer = await startPgBouncer({ poolSize: 2 });
  database = await createPooledDatabase(bouncer, "chat_pgb_prep");
  pinners = [0, 1].map(() => postgres(database.pooledUrl, { max: 1, prepare: false, onnotice: () => {} }));
});
after(async () => {
  await Promise.all(pinners.map((p) => p.end()));
  await bouncer?.stop();
  await database?.drop();
});

type Pin = { backendPid: Promise<number>; release(): Promise<void> };

/** Hold a transaction open, and with it one of the pool's server connections. */
function pin(sql: postgres.Sql): Pin {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let pinned!: (pid: number) => void;
  const backendPid = new Promise<number>((resolve) => (pinned = resolve));
  const done = sql.begin(async (tx) => {
    pinned((await tx.unsafe<{ pid: number }[]>("select pg_backend_pid() as pid"))[0]!.pid);
    await held;
  });
  return { backendPid, release: async () => (release(), void (await done)) };
}

/** Leave only the server connection other than `avoid` free; resolves to the release of the one still held. */
async function freeAllBut(avoid: number): Promise<() => Promise<void>> {
  const pins = pinners.map(pin);
  const pids = await Promise.all(pins.map((p) => p.backendPid));
  const kept = pids.indexOf(avoid);
  assert.notEqual(kept, -1, "both server connections are pinned, one of them the statement's");
  await pins[1 - kept]!.release();
  return pins[kept]!.release;
}

/** One statement text with a parameter, as the send path's: postgres.js prepares it once per client connection. */
const backendOf = (sql: postgres.Sql | postgres.TransactionSql, n: number) => sql<{ pid: number }[]>`select pg_backend_pid() as pid, ${n}::int as n`;

/** Prepare a statement on one server connection, then run it in a transaction on the other. */
async function reuseOnAnotherServer(prepare: boolean): Promise<number> {
  const { sql } = createDb(database.pooledUrl, { max: 1, prepare });
  try {
    const [first] = await backendOf(sql, 1);
    const releaseOther = await freeAllBut(first!.pid);
    try {
      const [again] = await sql.begin((tx) => backendOf(tx, 2));
      assert.notEqual(again!.pid, first!.pid, "the second run had the other server connection");
      return again!.pid;
    } finally {
      await releaseOther();
    }
  } finally {
    await sql.end();
  }
}

test("prepare on (postgres.js's default): a named statement run on another server connection fails", async () => {
  await assert.rejects(reuseOnAnotherServer(true), /prepared statement "\w+" does not exist/);
});

test("DATABASE_PREPARE=false: the same steps succeed", async () => {
  assert.ok((await reuseOnAnotherServer(false)) > 0);
});
