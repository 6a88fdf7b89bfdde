import type { ChatMessage } from "./message";

/** For tests: one valid frame of every client frame type, and one message object. */
export const sampleUuid = "6f1c2b7e-3a4d-4e5f-8a9b-0c1d2e3f4a5b";

/** Edited after it was sent (version above seq), with a reaction. */
export const sampleMessage: ChatMessage = {
  id: "7",
  seq: 3,
  version: 5,
  author: { id: "u", username: "alice" },
  body: "hi",
  createdAt: new Date(0).toISOString(),
  editedAt: new Date(1000).toISOString(),
  deleted: false,
  clientMsgId: sampleUuid,
  reactions: { "👍": ["bob"] },
};

export const oneFrameOfEachType = [
  { type: "subscribe", room: "r1" },
  { type: "unsubscribe", room: "r1" },
  { type: "send", room: "r1", clientMsgId: sampleUuid, body: "hi" },
  { type: "edit", room: "r1", id: "7", body: "hi", reqId: "q1" },
  { type: "delete", room: "r1", id: "7", reqId: "q2" },
  { type: "react", room: "r1", id: "7", emoji: "👍", on: true, reqId: "q3" },
  { type: "typing", room: "r1" },
  { type: "read", room: "r1", seq: 4 },
];
