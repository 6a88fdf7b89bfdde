import postgres from "postgres";
import { waitFor } from "../../test/wait-for";

/*
 * A drain that cannot finish on its own, made without mocks: a transaction of
 * the test's holds the room's row lock, so the batch that writes the room's
 * next message waits in PostgreSQL until the test releases it.
 */
export type RoomLock = { release(): Promise<void>; waitForBlockedWrite(): Promise<void> };

export async function lockRoom(databaseUrl: string, roomId: string): Promise<RoomLock> {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const holding = new Promise<void>((resolve) => (locked = resolve));
  const transaction = sql.begin(async (tx) => {
    await tx`select id from rooms where id = ${roomId} for update`;
    locked();
    await released;
  });
  await Promise.race([holding, transaction]);
  let ended: Promise<void> | undefined;
  return {
    // Idempotent: a test's finally releases it again after a failure.
    release: () =>
      (ended ??= (async () => {
        release();
        await transaction.catch(() => {});
        await sql.end({ timeout: 1 });
      })()),
    // Some other session of this database waits for a lock: the sidecar's batch, on our row.
    waitForBlockedWrite: () =>
      waitFor(async () => {
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`;
        if (!row || row.n === 0) throw new Error("no write is waiting for the room's lock yet");
      }),
  };
}
