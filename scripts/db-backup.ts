import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { backupEnv } from "../config/backup";
import { loadDotEnv } from "../config/dotenv";
import { exitOnConfigError, parseEnv } from "../config/parse-env";
import { findPgTools } from "./backup/pg-tools";
import { superuserPasswordFile, urlOf } from "./launch/embedded-db";

/*
 * npm run db:backup -- FILE    pg_dump of the app's database, custom format
 * npm run db:restore -- FILE   pg_restore of one into an EMPTY database
 *
 * The database: DATABASE_URL, or unset the embedded one of `npm start` (which
 * must be running; DATA_DIR and EMBEDDED_PG_PORT as the launcher has them).
 * A backup is one consistent snapshot and the app keeps running. A restore is
 * one transaction that stops at the first error, and refuses a database that
 * has tables: stop the app, drop and create the database, restore, start the
 * app (its migrations then find everything applied). Owners and grants are
 * not restored: the database's user owns what it restores, and `npm start`
 * grants its app role again. Tools: scripts/backup/pg-tools.ts.
 */
loadDotEnv();
const env = exitOnConfigError(() => parseEnv(backupEnv, process.env));
const [command, file] = process.argv.slice(2);

async function main(): Promise<void> {
  if ((command !== "backup" && command !== "restore") || !file) throw new Error("usage: db-backup.ts backup|restore FILE");
  const url = new URL(env.DATABASE_URL ?? embeddedUrl());
  const { major, tables } = await inspect(url.toString());
  const tools = findPgTools(major);
  // The password goes to the tools through their environment, never on a command line others can read.
  const toolEnv = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  url.password = "";
  if (command === "backup") {
    run(tools.dump, ["--format=custom", `--file=${file}`, `--dbname=${url}`], toolEnv);
    console.log(`backed up ${url.pathname.slice(1)} (PostgreSQL ${major}) to ${path.resolve(file)}`);
  } else {
    if (tables > 0) throw new Error(`${url.pathname.slice(1)} is not empty (${tables} tables): restore goes into an empty database. Stop the app, drop and create the database, then restore.`);
    run(tools.restore, ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", `--dbname=${url}`, file], toolEnv);
    console.log(`restored ${path.resolve(file)} into ${url.pathname.slice(1)}`);
  }
}

/** The embedded database's superuser URL, from the password `npm start` generated. */
function embeddedUrl(): string {
  const passwordFile = path.join(env.DATA_DIR, superuserPasswordFile);
  if (!existsSync(passwordFile)) throw new Error(`No embedded database in ${env.DATA_DIR} (no ${passwordFile}): set DATABASE_URL, or DATA_DIR to where npm start keeps it.`);
  return urlOf(env.EMBEDDED_PG_PORT, "postgres", readFileSync(passwordFile, "utf8").trim(), "chat");
}

/** The server's major version and how many tables the database has outside PostgreSQL's own schemas. */
async function inspect(url: string): Promise<{ major: number; tables: number }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ major: number; tables: number }[]>`
      select current_setting('server_version_num')::int / 10000 as major,
        (select count(*)::int from pg_tables where schemaname not in ('pg_catalog', 'information_schema')) as tables`;
    return row!;
  } finally {
    await sql.end();
  }
}

function run(tool: string, args: string[], toolEnv: NodeJS.ProcessEnv): void {
  const result = spawnSync(tool, args, { stdio: "inherit", env: toolEnv });
  if (result.status !== 0) throw new Error(`${path.basename(tool)} failed (exit ${result.status ?? result.signal})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
