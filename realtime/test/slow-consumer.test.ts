import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import { after, afterEach, before, test } from "node:test";
import { checkBackpressure } from "../slow-consumers";
import { newSocketData, type ClientSocket } from "../socket";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack } from "./helpers";

const limitBytes = 256 * 1024;
let stack: Stack;

before(async () => {
  stack = await startStack({
    limits: { sendRateLimit: 1_000_000, recoverMaxChanges: 100_000 },
    env: { MAX_BACKPRESSURE_BYTES: String(limitBytes) },
  });
});
afterEach(closeClients);
after(() => stopStack(stack));

/** Send `count` big messages, at most `window` unacknowledged at a time; the highest ack seq. */
async function flood(client: TestClient, room: string, count: number, window = 64): Promise<number> {
  const body = "x".repeat(4000);
  let top = 0;
  for (let sent = 0; sent < count; sent += window) {
    const acks = await Promise.all(
      Array.from({ length: Math.min(window, count - sent) }, () => client.sendMessage(room, body, randomUUID())),
    );
    top = Math.max(top, ...acks.map((a) => a.seq));
  }
  return top;
}

test("a client that stops reading is closed with 4009, memory stays bounded, and since recovers everything", async () => {
  const [alice, bob] = await Promise.all([makeUser(stack, "alice"), makeUser(stack, "bob")]);
  const room = await makeRoom(stack, alice);
  const sender = await TestClient.connect(stack.port, alice);
  const slow = await TestClient.connect(stack.port, bob);
  await sender.subscribe(room.id);
  await slow.subscribe(room.id);
  const socket = (slow.ws as unknown as { _socket: Socket })._socket;
  let received = 0;
  slow.ws.on("message", (data: Buffer) => (received += data.length));
  socket.pause();

  const top = await flood(sender, room.id, 3000); // about 12 MB, some 50 times the limit
  socket.resume();
  assert.equal((await slow.waitClosed()).code, 4009);
  // All the server held for it (its send buffer, capped near the limit) plus what the kernel's
  // socket buffers took before it stopped: a few MiB, not the 12 MB sent.
  assert.ok(received < 8 * 1024 * 1024, `the slow client still got ${Math.round(received / 1024)} KiB`);
  // The sender, who kept reading, was never closed.
  assert.equal(sender.closed, null);

  const seqs = slow.all("message").map((f) => f.seq);
  let cursor = 0;
  while (seqs.includes(cursor + 1)) cursor++;
  const again = await TestClient.connect(stack.port, bob);
  assert.equal((await again.subscribe(room.id, cursor)).recovered, true);
  await again.next("message", (f) => f.seq === top, 15_000);
  const all = new Set([...seqs.filter((s) => s <= cursor), ...again.all("message").map((f) => f.seq)]);
  assert.equal(all.size, top);
  sender.close();
  again.close();
});

/** Just enough of a uWS socket for the guard. */
function fakeSocket(buffered: { bytes: number }) {
  const data = newSocketData({ id: "u1", username: "u" }, null);
  data.rooms = new Set(["r1"]);
  const calls: string[] = [];
  const ws = {
    getUserData: () => data,
    getBufferedAmount: () => buffered.bytes,
    subscribe: (topic: string) => calls.push(`subscribe ${topic}`),
    unsubscribe: (topic: string) => calls.push(`unsubscribe ${topic}`),
    end: (code: number) => calls.push(`end ${code}`),
  } as unknown as ClientSocket;
  return { ws, calls, data };
}

test("under pressure typing and presence go first; over the limit the socket is closed 4009", () => {
  const buffered = { bytes: 0 };
  const { ws, calls } = fakeSocket(buffered);
  const resumed: ClientSocket[] = [];
  const options = { limitBytes: 1000, onResume: (s: ClientSocket) => resumed.push(s) };
  checkBackpressure(ws, options);
  buffered.bytes = 300;
  checkBackpressure(ws, options);
  assert.deepEqual(calls, ["unsubscribe live:r1"]);
  buffered.bytes = 100;
  checkBackpressure(ws, options);
  assert.deepEqual(calls, ["unsubscribe live:r1", "subscribe live:r1"]);
  assert.equal(resumed.length, 1);
  buffered.bytes = 1001;
  checkBackpressure(ws, options);
  assert.equal(calls.at(-1), "end 4009");
});
