/** For tests: one valid frame of every client frame type. */
export const sampleUuid = "6f1c2b7e-3a4d-4e5f-8a9b-0c1d2e3f4a5b";

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
