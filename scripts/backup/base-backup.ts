import { realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { copyDataDir, copyWal } from "./data-dir-copy";

/*
 * An online physical backup of a running PostgreSQL with its low-level
 * base-backup API (docs: "Making a Base Backup Using the Low Level API"), so
 * no pg_dump or pg_basebackup of the server's version is needed, only a
 * superuser connection and read access to its data folder. On one session:
 * a temporary physical replication slot that reserves WAL at once (what
 * pg_basebackup does: no checkpoint may recycle a segment the backup needs;
 * the slot goes with the session), pg_backup_start, the copy, pg_backup_stop,
 * its backup_label written into the copy, then the WAL from the backup's start
 * to its stop. A failure anywhere ends the session, which ends the backup.
 */
export type BaseBackup = { serverVersion: string; major: number; label: string; startSegment: string; stopSegment: string; stopLsn: string };

export async function takeBaseBackup(url: string, pgDir: string, into: string, label: string): Promise<BaseBackup> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const session = await sql.reserve();
    try {
      const server = await checkServer(session, pgDir);
      await session`select pg_create_physical_replication_slot(${`chat_backup_${process.pid}`}, true, true)`;
      await session`select pg_backup_start(${label}, true)`;
      copyDataDir(pgDir, into);
      const [stop] = await session<{ lsn: string; labelfile: string; spcmapfile: string; segment: string }[]>`
        select lsn::text, labelfile, spcmapfile, pg_walfile_name(lsn) as segment from pg_backup_stop(false)`;
      writeFileSync(path.join(into, "backup_label"), stop!.labelfile, { mode: 0o600 });
      if (stop!.spcmapfile) writeFileSync(path.join(into, "tablespace_map"), stop!.spcmapfile, { mode: 0o600 });
      const startSegment = startSegmentOf(stop!.labelfile);
      copyWal(path.join(pgDir, "pg_wal"), path.join(into, "pg_wal"), startSegment, stop!.segment);
      return { ...server, label, startSegment, stopSegment: stop!.segment, stopLsn: stop!.lsn };
    } finally {
      session.release();
    }
  } finally {
    await sql.end();
  }
}

/** The server's version, once it is known to keep its data in pgDir (another server on the port would be copied wrong). */
async function checkServer(session: postgres.ReservedSql, pgDir: string): Promise<{ serverVersion: string; major: number }> {
  const [server] = await session<{ dir: string; version: string; major: number }[]>`
    select current_setting('data_directory') as dir, current_setting('server_version') as version,
      current_setting('server_version_num')::int / 10000 as major`;
  if (realpathSync(server!.dir) !== realpathSync(pgDir)) {
    throw new Error(`The PostgreSQL on this port keeps its data in ${server!.dir}, not ${pgDir}: check DATA_DIR and EMBEDDED_PG_PORT.`);
  }
  return { serverVersion: server!.version, major: server!.major };
}

/** "START WAL LOCATION: 0/2000028 (file 000000010000000000000002)": the segment replay starts in. */
function startSegmentOf(labelFile: string): string {
  const match = /^START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)$/m.exec(labelFile);
  if (!match) throw new Error(`backup_label without a START WAL LOCATION:\n${labelFile}`);
  return match[1]!;
}
