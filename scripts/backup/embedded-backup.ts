import { spawnSync } from "node:child_process";
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { superuserPasswordFile, urlOf } from "../launch/embedded-db";
import { takeBaseBackup, type BaseBackup } from "./base-backup";

/*
 * `npm run db:backup -- FILE` for the embedded PostgreSQL `npm start` runs:
 * an online physical backup (base-backup.ts) while it runs and serves, packed
 * by the system `tar` into one gzipped file, mode 0600 as it holds every row
 * and the superuser's password file:
 *   backup.json                 what it is (this file's Manifest)
 *   pg/                         the data folder, with backup_label and its WAL
 *   pg-superuser-password       the password the restored database expects
 * The archive is written as FILE.partial and renamed when complete.
 */
export const manifestName = "backup.json";
export const manifestFormat = "chat-embedded-postgres-base-backup";
export type Manifest = BaseBackup & { format: typeof manifestFormat; createdAt: string };

export async function backupEmbedded(dataDir: string, port: number, file: string): Promise<void> {
  const passwordFile = path.join(dataDir, superuserPasswordFile);
  if (!existsSync(passwordFile)) {
    throw new Error(`No embedded database in ${dataDir} (no ${passwordFile}): set DATABASE_URL, or DATA_DIR to where npm start keeps it.`);
  }
  const target = path.resolve(file);
  if (!existsSync(path.dirname(target))) throw new Error(`No folder ${path.dirname(target)} to write ${path.basename(target)} into.`);
  const staging = mkdtempSync(`${target}.staging-`);
  try {
    const createdAt = new Date().toISOString();
    const url = urlOf(port, "postgres", readFileSync(passwordFile, "utf8").trim(), "postgres");
    const backup = await takeBaseBackup(url, path.join(dataDir, "pg"), path.join(staging, "pg"), `chat ${createdAt}`).catch(
      (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== "ECONNREFUSED") throw error;
        throw new Error(`The embedded PostgreSQL is not running on port ${port}: start it (npm start) and back up while it runs, or set DATABASE_URL for another database.`);
      },
    );
    copyFileSync(passwordFile, path.join(staging, superuserPasswordFile));
    const manifest: Manifest = { format: manifestFormat, createdAt, ...backup };
    writeFileSync(path.join(staging, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
    packInto(staging, target);
    console.log(`backed up the embedded PostgreSQL ${backup.serverVersion} in ${path.join(dataDir, "pg")} to ${target} (WAL ${backup.startSegment}..${backup.stopSegment})`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** tar -cz of a folder's contents into a file made 0600 before anything is written to it. */
function packInto(folder: string, target: string): void {
  const partial = `${target}.partial`;
  const out = openSync(partial, "w", 0o600);
  try {
    const tar = spawnSync("tar", ["-cz", "-f", "-", "-C", folder, "."], { stdio: ["ignore", out, "pipe"], encoding: "utf8" });
    if (tar.error) throw new Error(`tar could not run: ${tar.error.message}`);
    if (tar.status !== 0) throw new Error(`tar failed (exit ${tar.status ?? tar.signal}): ${tar.stderr.trim()}`);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    closeSync(out);
  }
  renameSync(partial, target);
}
