import { spawnSync } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { findPgTools } from "./pg-tools";

/*
 * A logical backup of a database at a URL (DATABASE_URL): pg_dump's custom
 * format, one consistent snapshot while the app keeps running. A restore is
 * one transaction that stops at the first error, and refuses a database that
 * has tables: stop the app, drop and create the database, restore, start the
 * app (its migrations then find everything applied). Owners and grants are not
 * restored: the database's user owns what it restores. Tools: pg-tools.ts.
 */
export async function logicalBackupOrRestore(command: "backup" | "restore", databaseUrl: string, file: string): Promise<void> {
  const url = new URL(databaseUrl);
  const { major, tables } = await inspect(url.toString());
  const tools = findPgTools(major);
  // The password goes to the tools through their environment, never on a command line others can read.
  const toolEnv = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  url.password = "";
  const name = url.pathname.slice(1);
  if (command === "backup") {
    run(tools.dump, ["--format=custom", `--file=${file}`, `--dbname=${url}`], toolEnv);
    console.log(`backed up ${name} (PostgreSQL ${major}) to ${path.resolve(file)}`);
  } else {
    if (tables > 0) throw new Error(`${name} is not empty (${tables} tables): restore goes into an empty database. Stop the app, drop and create the database, then restore.`);
    run(tools.restore, ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", `--dbname=${url}`, file], toolEnv);
    console.log(`restored ${path.resolve(file)} into ${name}`);
  }
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
