import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/*
 * Copying a running PostgreSQL's data folder between pg_backup_start and
 * pg_backup_stop. Files may change or vanish while they are read: the WAL
 * written meanwhile, replayed at the restored server's first start, repairs
 * that (torn pages included, as full_page_writes is on during a backup).
 * Left out, as the PostgreSQL docs ("Making a Base Backup Using the Low Level
 * API") and pg_basebackup do: the files below, the contents of the folders
 * below (the folders themselves are kept, empty), pg_internal.init and
 * pgsql_tmp* anywhere.
 */
const skippedFiles = new Set([
  "postmaster.pid",
  "postmaster.opts",
  "backup_label",
  "tablespace_map",
  "backup_manifest",
  "postgresql.auto.conf.tmp",
  "current_logfiles.tmp",
]);
const emptiedFolders = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);
const skippedAnywhere = (name: string) => name === "pg_internal.init" || name.startsWith("pgsql_tmp");

export function copyDataDir(from: string, to: string): void {
  const tablespaces = readdirSync(path.join(from, "pg_tblspc"));
  if (tablespaces.length > 0) throw new Error(`${from} has tablespaces (pg_tblspc: ${tablespaces.join(", ")}); this backup copies the data folder only.`);
  mkdirSync(to, { mode: 0o700 });
  for (const name of readdirSync(from)) {
    if (skippedFiles.has(name) || skippedAnywhere(name)) continue;
    if (emptiedFolders.has(name)) mkdirSync(path.join(to, name), { mode: 0o700 });
    else copyTree(path.join(from, name), path.join(to, name));
  }
  mkdirSync(path.join(to, "pg_wal", "archive_status"), { mode: 0o700 });
}

function copyTree(from: string, to: string): void {
  const stat = statOrGone(from);
  if (!stat) return;
  if (!stat.isDirectory()) return copyOrGone(from, to);
  mkdirSync(to, { mode: 0o700 });
  for (const name of readdirOrGone(from)) {
    if (!skippedAnywhere(name)) copyTree(path.join(from, name), path.join(to, name));
  }
}

/**
 * The WAL a backup needs, from the segment of its start to the segment of its
 * stop (the caller's replication slot kept every one), and the timeline history files.
 */
export function copyWal(pgWal: string, toPgWal: string, firstSegment: string, lastSegment: string): void {
  for (const name of readdirSync(pgWal)) {
    const segment = /^[0-9A-F]{24}$/.test(name) && name >= firstSegment && name <= lastSegment;
    if (segment || name.endsWith(".history")) copyFileSync(path.join(pgWal, name), path.join(toPgWal, name));
  }
  for (const needed of [firstSegment, lastSegment]) {
    if (!existsSync(path.join(toPgWal, needed))) throw new Error(`WAL segment ${needed} is missing from ${pgWal}: the backup would not restore.`);
  }
}

// A relation dropped, or a temporary file removed, while the copy runs: gone from the backup as from the server.
const isGone = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

function statOrGone(file: string) {
  try {
    return statSync(file);
  } catch (error) {
    if (isGone(error)) return null;
    throw error;
  }
}

function readdirOrGone(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if (isGone(error)) return [];
    throw error;
  }
}

function copyOrGone(from: string, to: string): void {
  try {
    copyFileSync(from, to);
  } catch (error) {
    if (!isGone(error)) throw error;
  }
}
