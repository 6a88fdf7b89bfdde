import assert from "node:assert/strict";
import { test } from "node:test";
import type { ChatMessage, ServerFrameOf } from "../../protocol/index";
import { noticeFor } from "./mention-notices";
import { mentionsMayChange, mentionsOf, withMessage, withRead, withSnapshot, type SidebarRoom, type UnreadState } from "./unread";

const viewer = { id: "u-me", username: "me" };
const room = (id: string, unread: number, mentions: number, lastSeq: number, readSeq = 0, kind: SidebarRoom["kind"] = "public"): SidebarRoom =>
  ({ id, name: id, kind, unread, mentions, lastSeq, readSeq });

type Options = { version?: number; author?: string; body?: string; deleted?: boolean };
function frame(roomId: string, seq: number, options: Options = {}): ServerFrameOf<"message"> {
  const message: ChatMessage = {
    id: `m${seq}`, seq, version: options.version ?? seq, author: { id: options.author ?? "u-bob", username: "bob" },
    body: options.deleted ? "" : (options.body ?? "hi @me"), createdAt: "2026-01-01T00:00:00.000Z", editedAt: null,
    deleted: options.deleted ?? false, clientMsgId: "c", reactions: {},
  };
  return { type: "message", room: roomId, seq: message.version, message };
}
const mentions = (s: UnreadState, id: string) => mentionsOf(s.rooms.get(id)!);

test("live mentions: by others, once, not deleted, an edit can add or take one away; the marker clears them", () => {
  let s = withSnapshot(null, viewer, [room("a", 3, 1, 5, 2)]);
  assert.equal(mentions(s, "a"), 1);
  s = withMessage(s, frame("a", 6));
  s = withMessage(s, frame("a", 6)); // replayed
  s = withMessage(s, frame("a", 7, { author: "u-me" }));
  s = withMessage(s, frame("a", 8, { body: "@ME!" }));
  s = withMessage(s, frame("a", 9, { body: "@mel is someone else" }));
  assert.equal(mentions(s, "a"), 3);
  s = withMessage(s, frame("a", 8, { version: 10, body: "edited away" }));
  s = withMessage(s, frame("a", 9, { version: 11, body: "now @me" }));
  s = withMessage(s, frame("a", 6, { version: 12, deleted: true }));
  assert.equal(mentions(s, "a"), 2, "the snapshot's one and the edited 9");
  s = withRead(s, "a", 9).state;
  assert.equal(mentions(s, "a"), 0);
});

test("an edit or delete inside the snapshot asks for a new snapshot when it may move the count", () => {
  const s = withSnapshot(null, viewer, [room("a", 2, 1, 5, 2), room("b", 2, 0, 5, 2)]);
  assert.equal(mentionsMayChange(s, frame("a", 4, { version: 6, deleted: true })), true);
  assert.equal(mentionsMayChange(s, frame("b", 4, { version: 6, body: "plain" })), false, "no mention before or after");
  assert.equal(mentionsMayChange(s, frame("b", 4, { version: 6 })), true, "edited into a mention");
  assert.equal(mentionsMayChange(s, frame("a", 2, { version: 6, deleted: true })), false, "already read");
  assert.equal(mentionsMayChange(s, frame("a", 6)), false, "a new message is counted live");
  assert.equal(mentionsMayChange(s, frame("a", 4, { version: 5 })), false, "already in the snapshot");
});

test("notices: live mentions and DM messages by others, past the replay and what was seen", () => {
  const s = withSnapshot(null, viewer, [room("a", 0, 0, 5, 5), room("dm", 0, 0, 5, 5, "dm")]);
  assert.deepEqual(noticeFor(s, frame("a", 6, { body: "hey @me" }), 5), {
    room: "a", seq: 6, id: "m6", title: "bob mentioned you in a", body: "hey @me",
  });
  assert.equal(noticeFor(s, frame("dm", 6, { body: "psst" }), 5)?.title, "bob (direct message)");
  assert.equal(noticeFor(s, frame("a", 6, { body: "no mention" }), 5), null);
  assert.equal(noticeFor(s, frame("a", 6), 6), null, "part of the replay after subscribed");
  assert.equal(noticeFor(s, frame("a", 6), undefined), null, "not subscribed yet");
  assert.equal(noticeFor(s, frame("a", 5), 4), null, "already seen");
  assert.equal(noticeFor(s, frame("a", 6, { author: "u-me" }), 5), null, "my own");
  assert.equal(noticeFor(s, frame("a", 3, { version: 6 }), 5), null, "an edit");
  assert.equal(noticeFor(s, frame("dm", 6, { body: "x".repeat(300) }), 5)?.body.length, 160);
});
