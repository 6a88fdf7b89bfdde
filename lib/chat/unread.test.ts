import assert from "node:assert/strict";
import { test } from "node:test";
import type { ChatMessage, ServerFrameOf } from "../../protocol/index";
import { totalUnread, unreadOf, withMessage, withRead, withSnapshot, type SidebarRoom, type UnreadState } from "./unread";

const me = "u-me";
const viewer = { id: me, username: "me" };
const room = (id: string, unread: number, lastSeq: number, readSeq = 0): SidebarRoom => ({ id, name: id, kind: "public", unread, mentions: 0, lastSeq, readSeq });

function frame(roomId: string, seq: number, version = seq, options: { author?: string; deleted?: boolean; id?: string } = {}): ServerFrameOf<"message"> {
  const message: ChatMessage = {
    id: options.id ?? `m${seq}`, seq, version, author: { id: options.author ?? "u-bob", username: "bob" },
    body: options.deleted ? "" : "hi", createdAt: "2026-01-01T00:00:00.000Z", editedAt: null,
    deleted: options.deleted ?? false, clientMsgId: "c", reactions: {},
  };
  return { type: "message", room: roomId, seq: version, message };
}

const count = (s: UnreadState, id: string) => unreadOf(s.rooms.get(id)!);

test("new messages by others count once, however often they arrive; mine do not", () => {
  let s = withSnapshot(null, viewer, [room("a", 2, 5, 3), room("b", 0, 1, 1)]);
  assert.equal(totalUnread(s), 2);
  s = withMessage(s, frame("a", 6));
  s = withMessage(s, frame("a", 6)); // a second copy (replay)
  s = withMessage(s, frame("a", 7, 7, { author: me }));
  s = withMessage(s, frame("a", 4)); // already in the snapshot
  assert.equal(count(s, "a"), 3);
  s = withMessage(s, frame("b", 2));
  assert.equal(totalUnread(s), 4);
  assert.equal(withMessage(s, frame("zzz", 9)), s, "a room not in the list changes nothing");
});

test("a delete takes its message out, once, whether it was in the snapshot or came live; edits change nothing", () => {
  let s = withSnapshot(null, viewer, [room("a", 2, 5, 3)]);
  s = withMessage(s, frame("a", 6));
  s = withMessage(s, frame("a", 4, 8)); // an edit of a snapshot message
  assert.equal(count(s, "a"), 3);
  s = withMessage(s, frame("a", 4, 9, { deleted: true }));
  s = withMessage(s, frame("a", 4, 9, { deleted: true }));
  s = withMessage(s, frame("a", 6, 10, { deleted: true }));
  assert.equal(count(s, "a"), 1);
  s = withMessage(s, frame("a", 2, 11, { deleted: true })); // below the marker: was never counted
  assert.equal(count(s, "a"), 1);
});

test("a read past the snapshot clears it exactly; one inside it asks for a new snapshot; never back", () => {
  let s = withSnapshot(null, viewer, [room("a", 3, 5, 2)]);
  s = withMessage(s, frame("a", 6));
  s = withMessage(s, frame("a", 7));
  let r = withRead(s, "a", 6);
  assert.ok(r.exact);
  assert.equal(count(r.state, "a"), 1);
  r = withRead(r.state, "a", 4);
  assert.equal(count(r.state, "a"), 1, "a lower marker is ignored");
  assert.equal(r.state.rooms.get("a")!.readSeq, 6);
  const inside = withRead(s, "a", 4);
  assert.equal(inside.exact, false);
  s = withSnapshot(inside.state, viewer, [room("a", 1, 7, 4)]);
  assert.equal(count(s, "a"), 1);
  assert.equal(s.rooms.get("a")!.seen, 7);
});

test("a new snapshot keeps newer live messages and a higher marker heard meanwhile", () => {
  let s = withSnapshot(null, viewer, [room("a", 0, 5, 5)]);
  s = withMessage(s, frame("a", 6));
  s = withMessage(s, frame("a", 8));
  s = withSnapshot(s, viewer, [room("a", 1, 6, 5)]); // taken before seq 8 existed
  assert.equal(count(s, "a"), 2);
  s = withRead(s, "a", 8).state;
  s = withSnapshot(s, viewer, [room("a", 2, 8, 5)]); // the server had not stored the marker yet
  assert.equal(count(s, "a"), 0);
});
