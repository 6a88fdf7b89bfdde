import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { freePort, waitForPort } from "./ports";
import { spawnLogged, stopProc, type Proc } from "./processes";

/*
 * A private PgBouncer in transaction mode in front of a PostgreSQL server,
 * on a free port, configured in a temporary folder (Debian's `pgbouncer`
 * package; CI installs it). Every database of the server is reachable
 * through it by name; `admin` is its console (SHOW POOLS, SHOW CLIENTS...).
 */
export type PgBouncer = {
  port: number;
  pid: number;
  /** The URL of database `name` through PgBouncer. */
  url(name: string): string;
  /** Rows of a console command (SHOW CLIENTS...), for the pooled database `name`. */
  show(command: string, name: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
};

export type PgBouncerOptions = {
  /** host:port of the PostgreSQL server. */
  server?: { host: string; port: number };
  user?: string;
  /** Server connections per database and user: small, so clients must share them. */
  poolSize: number;
};

const binary = "/usr/sbin/pgbouncer";

export async function startPgBouncer({ server = { host: "127.0.0.1", port: 5432 }, user = "postgres", poolSize }: PgBouncerOptions): Promise<PgBouncer> {
  if (!existsSync(binary)) throw new Error(`${binary} not found: apt-get install -y pgbouncer`);
  const dir = await mkdtemp(path.join(tmpdir(), "pgbouncer-"));
  const port = await freePort();
  const ini = path.join(dir, "pgbouncer.ini");
  await writeFile(path.join(dir, "userlist.txt"), `"${user}" ""\n`);
  await writeFile(ini, config({ server, port, dir, user, poolSize }));
  // It refuses to run as root; as root, it drops to nobody, who must read its folder.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chmod(dir, 0o755);
  const proc = spawnLogged({ name: "pgbouncer", command: binary, args: [...(asRoot ? ["-u", "nobody"] : []), ini], logFile: path.join(dir, "pgbouncer.log") });
  await Promise.race([waitForPort(port), proc.exited.then((code) => Promise.reject(new Error(`pgbouncer exited with ${code}; see ${proc.logFile}`)))]);
  const url = (name: string) => `postgres://${user}@127.0.0.1:${port}/${name}`;
  return { port, pid: proc.pid, url, show: (command, name) => show(url("pgbouncer"), command, name), stop: () => stop(proc, dir) };
}

function config({ server, port, dir, user, poolSize }: Required<PgBouncerOptions> & { port: number; dir: string }): string {
  return `[databases]
* = host=${server.host} port=${server.port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${path.join(dir, "userlist.txt")}
admin_users = ${user}
pool_mode = transaction
default_pool_size = ${poolSize}
max_client_conn = 500
log_connections = 0
log_disconnections = 0
`;
}

/** The console speaks only the simple protocol and knows no pg_type: no type lookup, no parameters. */
async function show(consoleUrl: string, command: string, name: string): Promise<Record<string, unknown>[]> {
  const sql = postgres(consoleUrl, { max: 1, fetch_types: false, onnotice: () => {} });
  try {
    const rows = await sql.unsafe<Record<string, unknown>[]>(command);
    return rows.filter((row) => row.database === name);
  } finally {
    await sql.end();
  }
}

async function stop(proc: Proc, dir: string): Promise<void> {
  await stopProc(proc, "SIGTERM"); // 1.18: SIGTERM shuts down at once (SIGINT waits for transactions to end)
  await rm(dir, { recursive: true, force: true });
}
