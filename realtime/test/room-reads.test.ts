import assert from "node:assert/strict";
import { test } from "node:test";
import type { Db } from "../../db/client";
import { createRoomReads } from "../room-reads";

const room = "6f1c2b7e-3a4d-4e5f-8a9b-0c1d2e3f4a5b";
const user = "7f1c2b7e-3a4d-4e5f-8a9b-0c1d2e3f4a5b";

/** A database whose access reads answer from `answers`, one per read, each when the test lets it. */
function fakeDb(answers: boolean[]) {
  const pending: (() => void)[] = [];
  let reads = 0;
  const db = {
    execute: () => {
      const member = answers[reads++]!;
      const rows = member ? [{ room_id: room, user_id: user, kind: "private", member: true }] : [];
      return new Promise((resolve) => pending.push(() => resolve(rows)));
    },
  } as unknown as Db;
  const release = async () => {
    while (pending.length === 0) await new Promise((r) => setImmediate(r));
    pending.shift()!();
  };
  return { db, release, reads: () => reads };
}

test("an access read that a membership notice overtook is read again", async () => {
  const { db, release, reads } = fakeDb([true, false]);
  const reads$ = createRoomReads(db);
  const answer = reads$.access(room, user);
  await new Promise((r) => setImmediate(r));
  reads$.invalidateAccess(); // bob was removed while his subscribe's read was in flight
  await release(); // the stale read: still a member
  await release(); // the read after the notice: not any more
  assert.equal(await answer, undefined);
  assert.equal(reads(), 2);
});

test("without a notice meanwhile, one read answers", async () => {
  const { db, release, reads } = fakeDb([true]);
  const answer = createRoomReads(db).access(room, user);
  await release();
  assert.deepEqual(await answer, { member: true });
  assert.equal(reads(), 1);
});
