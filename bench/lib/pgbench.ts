import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export type InsertShape = { roomId: string; authorId: string; body: string };

/**
 * One INSERT of `rows` rows into the real messages table (all its indexes),
 * shaped like the sidecar's: seqs from two scratch sequences (so the room's
 * (room, seq) and (room, version_seq) keys stay unique), a fresh clientMsgId each.
 */
export function insertScript({ roomId, authorId, body }: InsertShape, rows: number): string {
  const row = `('${roomId}', nextval('bench_seq'), nextval('bench_vseq'), '${authorId}', '${body}', gen_random_uuid())`;
  return `insert into messages (room_id, seq, version_seq, author_id, body, client_msg_id) values\n${Array(rows).fill(row).join(",\n")};\n`;
}

export const scratchSequencesSql = "create sequence if not exists bench_seq; create sequence if not exists bench_vseq;";

/** pgbench -T seconds with a custom script; returns transactions per second (without connection time). */
export async function pgbenchTps(databaseUrl: string, script: string, clients: number, seconds: number): Promise<number> {
  const file = join(tmpdir(), `bench-pgbench-${process.pid}-${Date.now()}.sql`);
  await writeFile(file, script);
  const url = new URL(databaseUrl);
  const args = ["-n", "-h", url.hostname, "-p", url.port || "5432", "-U", url.username || "postgres"];
  args.push("-c", String(clients), "-j", String(Math.min(clients, 2)), "-T", String(seconds), "-f", file, url.pathname.slice(1));
  const { stdout } = await run("pgbench", args, { timeout: (seconds + 30) * 1000 });
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!match) throw new Error(`pgbench: no tps in output:\n${stdout}`);
  return Number(match[1]);
}
