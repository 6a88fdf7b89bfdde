import assert from "node:assert/strict";
import { test } from "node:test";
import calculateSlot from "cluster-key-slot";
import { redisNames } from "../broker/names";

test("one Redis: the names as they always were", () => {
  const names = redisNames("chat:", false);
  assert.equal(names.channelOf("r1"), "chat:room:r1");
  assert.equal(names.presenceKeyOf("r1"), "chat:presence:r1");
  assert.equal(names.roomOf("chat:room:~user:u1"), "~user:u1");
  assert.equal(names.roomOf("other:room:r1"), null);
});

test("a cluster: the room id is the hash tag, so a room's channel and presence key share one slot", () => {
  const names = redisNames("chat:", true);
  const room = "9e95c519-1043-4ff6-a0c6-5f6c78d8b7ed";
  assert.equal(names.channelOf(room), `chat:room:{${room}}`);
  assert.equal(names.roomOf(names.channelOf(room)), room);
  assert.equal(names.roomOf(names.channelOf("~user:u1")), "~user:u1");
  assert.equal(names.roomOf(`chat:room:${room}`), null);
  assert.equal(calculateSlot(names.channelOf(room)), calculateSlot(names.presenceKeyOf(room)));
  assert.equal(calculateSlot(names.channelOf(room)), calculateSlot(room));
});
