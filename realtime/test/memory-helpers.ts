import assert from "node:assert/strict";
import type { Socket } from "node:net";
import type { Sql } from "postgres";
import { waitFor } from "../../test/wait-for";
import type { TestClient } from "./helpers";

/** `count` messages of 4,000 characters in a room, written straight to the database (one statement). */
export async function seedHistory(sql: Sql, roomId: string, authorId: string, count: number): Promise<void> {
  await sql`
    insert into messages (room_id, author_id, client_msg_id, body, seq, version_seq)
    select ${roomId}::uuid, ${authorId}::uuid, gen_random_uuid(), repeat('h', 4000), n, n from generate_series(1, ${count}::int) n`;
  await sql`update rooms set last_seq = ${count}::int where id = ${roomId}::uuid`;
}

/** Stop reading the socket (the kernel buffers fill, then the server's): a client that stopped reading. */
export function stopReading(client: TestClient): Socket {
  const socket = (client.ws as unknown as { _socket: Socket })._socket;
  socket.pause();
  return socket;
}

/**
 * The server closed `userId`'s last socket: seen by a watcher in a small room
 * that user had joined, whose presence drops them (needs PRESENCE_GRACE_MS=0).
 * A paused client cannot see its own close until it reads again.
 */
export async function waitUntilGone(watcher: TestClient, roomId: string, userId: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    () => {
      const last = watcher.all("presence", (f) => f.room === roomId).at(-1);
      assert.ok(last && !last.online?.some((u) => u.id === userId), "expected the user to have left");
    },
    { timeoutMs },
  );
}

/** Wait until a presence frame of the room lists the user. */
export async function waitUntilPresent(watcher: TestClient, roomId: string, userId: string): Promise<void> {
  await watcher.next("presence", (f) => f.room === roomId && Boolean(f.online?.some((u) => u.id === userId)));
}
