import { backupEnv } from "../config/backup";
import { loadDotEnv } from "../config/dotenv";
import { exitOnConfigError, parseEnv } from "../config/parse-env";
import { backupEmbedded } from "./backup/embedded-backup";
import { restoreEmbedded } from "./backup/embedded-restore";
import { logicalBackupOrRestore } from "./backup/logical";

/*
 * npm run db:backup -- FILE    back up the app's database
 * npm run db:restore -- FILE   restore one
 *
 * DATABASE_URL set: pg_dump / pg_restore of that database (backup/logical.ts;
 * restore into an empty database). Unset: the embedded PostgreSQL of `npm
 * start` in DATA_DIR, backed up online while it runs (backup/embedded-backup.ts,
 * no pg_dump needed) and restored while it is stopped (backup/embedded-restore.ts).
 */
loadDotEnv();
const env = exitOnConfigError(() => parseEnv(backupEnv, process.env));
const [command, file] = process.argv.slice(2);

async function main(): Promise<void> {
  if ((command !== "backup" && command !== "restore") || !file) throw new Error("usage: db-backup.ts backup|restore FILE");
  if (env.DATABASE_URL) await logicalBackupOrRestore(command, env.DATABASE_URL, file);
  else if (command === "backup") await backupEmbedded(env.DATA_DIR, env.EMBEDDED_PG_PORT, file);
  else restoreEmbedded(env.DATA_DIR, file);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
