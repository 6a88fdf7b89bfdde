import assert from "node:assert/strict";
import { test } from "node:test";
import type { ChatMessage } from "../../protocol";
import { waitFor } from "../../test/wait-for";
import { RoomCursors } from "../room-cursors";

const pageSize = 3;

/** A room whose "database" holds changes 1..lastSeq (minus any skipped seqs), read in pages of three. */
function setup(lastSeq: number, skipped: number[] = []) {
  const db = { lastSeq, reads: 0 };
  const delivered: number[] = [];
  const cursors = new RoomCursors({
    graceMs: () => 20,
    listen: async () => {},
    unlisten: () => {},
    readLastSeqs: async (ids) => new Map(ids.map((id) => [id, db.lastSeq])),
    readChanges: async (_room, after) => {
      db.reads++;
      const upTo = Math.min(db.lastSeq, after + pageSize);
      const seqs = Array.from({ length: upTo - after }, (_, i) => after + 1 + i).filter((s) => !skipped.includes(s));
      return { messages: seqs.map((seq) => ({ id: String(seq), seq, version: seq }) as ChatMessage), more: upTo < db.lastSeq };
    },
    deliver: (_room, seq) => delivered.push(seq),
    onError: (error) => assert.fail(String(error)),
  });
  /** What the fan-out does with a frame from the broker or a local commit. */
  const arrive = (seq: number) => cursors.accept("r", seq) && delivered.push(seq);
  return { db, delivered, cursors, arrive };
}

test("the cursor starts at rooms.last_seq; contiguous frames pass with no database read", async () => {
  const { db, delivered, cursors, arrive } = setup(5);
  await cursors.watch("r");
  for (const seq of [6, 7, 8]) arrive(seq);
  assert.deepEqual(delivered, [6, 7, 8]);
  assert.equal(db.reads, 0);
  cursors.close();
});

test("a hole still open after the grace is filled from the database; duplicates are dropped", async () => {
  const { db, delivered, cursors, arrive } = setup(0);
  await cursors.watch("r");
  db.lastSeq = 4;
  arrive(1);
  arrive(4); // 2 and 3 lost on the way
  await waitFor(() => assert.deepEqual([...delivered].sort(), [1, 2, 3, 4]));
  assert.equal(db.reads, 1);
  arrive(3); // the lost frame turns up late after all
  arrive(5);
  assert.deepEqual(delivered.slice(-1), [5]);
  assert.equal(delivered.length, 5);
  cursors.close();
});

test("a frame that arrives within the grace closes the hole without a database read", async (t) => {
  const { db, delivered, cursors, arrive } = setup(0);
  await cursors.watch("r");
  // The grace runs on a fake clock: it certainly passes, however busy the box.
  t.mock.timers.enable({ apis: ["setTimeout"] });
  arrive(2);
  arrive(1);
  arrive(3);
  t.mock.timers.tick(60); // three times the grace
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(delivered, [2, 1, 3]);
  assert.equal(db.reads, 0);
  cursors.close();
});

test("a lost LAST change is found by the sweep of rooms.last_seq; skipped seqs do not stall it", async () => {
  const { db, delivered, cursors, arrive } = setup(3, [5]);
  await cursors.watch("r");
  arrive(4);
  db.lastSeq = 6; // 5 was taken by a duplicate, 6 was lost
  await cursors.initialise();
  await waitFor(() => assert.deepEqual(delivered, [4, 6]));
  arrive(7);
  assert.deepEqual(delivered, [4, 6, 7]);
  cursors.close();
});

test("rooms are watched by count; the last unwatch forgets the room", async () => {
  const { cursors } = setup(0);
  await cursors.watch("r");
  await cursors.watch("r");
  cursors.unwatch("r");
  assert.deepEqual(cursors.watched(), ["r"]);
  cursors.unwatch("r");
  assert.deepEqual(cursors.watched(), []);
});

test("a long hole is read page by page until the cursor reaches what is known", async () => {
  const { db, delivered, cursors, arrive } = setup(0);
  await cursors.watch("r");
  db.lastSeq = 10;
  arrive(10);
  await waitFor(() => assert.deepEqual(delivered, [10, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  // 1-3, 4-6, 7-9: then 10, already delivered, closes the run.
  assert.equal(db.reads, 3);
  cursors.close();
});
