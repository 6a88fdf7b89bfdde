import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, lchownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { superuserPasswordFile } from "../launch/embedded-db";
import { manifestFormat, manifestName, type Manifest } from "./embedded-backup";
import { embeddedBinDir, majorOf } from "./pg-tools";

/*
 * `npm run db:restore -- FILE` for the embedded PostgreSQL: only while it is
 * stopped (its postmaster.pid names no live process). The current data folder
 * is moved aside, never deleted (DATA_DIR/pg.before-restore-TIME), the backup
 * unpacked as DATA_DIR/pg (0700, owned like the folder it replaces), and the
 * superuser password file the backup expects put in place (the old one moved
 * aside too if it differs). The next `npm start` finds backup_label, replays
 * the backup's WAL up to its end, and opens the database as it was then.
 */
export function restoreEmbedded(dataDir: string, file: string): void {
  const pgDir = path.join(dataDir, "pg");
  refuseWhileRunning(pgDir);
  if (!existsSync(file)) throw new Error(`No backup file at ${path.resolve(file)}.`);
  mkdirSync(dataDir, { recursive: true });
  const unpacked = mkdtempSync(path.join(dataDir, "restoring-")); // beside pg/, so the move is a rename
  try {
    const tar = spawnSync("tar", ["-xz", "--no-same-owner", "-f", file, "-C", unpacked], { encoding: "utf8" });
    if (tar.status !== 0) throw new Error(`${file} could not be unpacked (tar: ${tar.error?.message ?? tar.stderr.trim()}): is it a db:backup file of the embedded database?`);
    const manifest = readManifest(unpacked, file);
    const stamp = new Date().toISOString().replaceAll(/[:.]/g, "-");
    const owner = ownerFor(pgDir);
    const aside = existsSync(pgDir) ? `${pgDir}.before-restore-${stamp}` : null;
    if (aside) renameSync(pgDir, aside);
    renameSync(path.join(unpacked, "pg"), pgDir);
    chmodSync(pgDir, 0o700);
    if (owner) chownTree(pgDir, owner);
    const passwordAside = placePasswordFile(path.join(unpacked, superuserPasswordFile), path.join(dataDir, superuserPasswordFile), stamp);
    console.log(`restored ${path.resolve(file)} (PostgreSQL ${manifest.serverVersion}, backed up ${manifest.createdAt}) into ${pgDir}.`);
    if (aside) console.log(`The previous data folder is ${aside}${passwordAside ? `, its password file ${passwordAside}` : ""}: delete it once the restored database is checked.`);
    console.log("The next npm start replays the backup's WAL, then opens the database as it was when the backup ended.");
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
}

function refuseWhileRunning(pgDir: string): void {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new Error(`The embedded PostgreSQL is running (pid ${pid}, ${pidFile}): stop npm start first; a restore replaces its data folder.`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

function readManifest(unpacked: string, file: string): Manifest {
  const manifestFile = path.join(unpacked, manifestName);
  const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest) : null;
  const parts = [path.join("pg", "backup_label"), path.join("pg", "PG_VERSION"), superuserPasswordFile];
  if (manifest?.format !== manifestFormat || !parts.every((part) => existsSync(path.join(unpacked, part)))) {
    throw new Error(`${file} is not a backup of the embedded database (no ${manifestName} of format ${manifestFormat} with ${parts.join(", ")}). A pg_dump file restores with DATABASE_URL set.`);
  }
  const binary = path.join(embeddedBinDir() ?? "", "postgres");
  const installed = majorOf(binary);
  const backedUp = Number(readFileSync(path.join(unpacked, "pg", "PG_VERSION"), "utf8").trim());
  if (installed !== backedUp) {
    throw new Error(`${file} holds PostgreSQL ${backedUp} data; the embedded server here is ${installed ?? `missing (${binary})`}. A physical backup restores on its own major version only.`);
  }
  return manifest;
}

/** As root the server runs as the "postgres" user, who must own its folder; otherwise it is ours already. */
function ownerFor(pgDir: string): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  if (existsSync(pgDir)) return statSync(pgDir);
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

function chownTree(target: string, { uid, gid }: { uid: number; gid: number }): void {
  lchownSync(target, uid, gid);
  if (!lstatSync(target).isDirectory()) return;
  for (const name of readdirSync(target)) chownTree(path.join(target, name), { uid, gid });
}

/** The backup's superuser password file in place; the current one, if different, moved aside (returned). */
function placePasswordFile(fromBackup: string, current: string, stamp: string): string | null {
  const same = existsSync(current) && readFileSync(current, "utf8") === readFileSync(fromBackup, "utf8");
  if (same) return null;
  const aside = existsSync(current) ? `${current}.before-restore-${stamp}` : null;
  if (aside) renameSync(current, aside);
  copyFileSync(fromBackup, current);
  chmodSync(current, 0o600);
  return aside;
}
