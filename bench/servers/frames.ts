/*
 * What the baselines answer, shaped like the sidecar's frames so every server
 * puts the same bytes on the wire: a `message` frame carrying a full message
 * object, an ack to the sender, `ready` on open, `subscribed` on subscribe.
 * No auth and no database: the author is fixed and seq is a counter.
 */
export type SendFrame = { room: string; clientMsgId: string; body: string };

const author = { id: "00000000-0000-4000-8000-000000000000", username: "bench" };
let lastSeq = 0;

export function messageObject(send: SendFrame) {
  const seq = ++lastSeq;
  const message = {
    id: String(seq),
    seq,
    version: seq,
    author,
    body: send.body,
    createdAt: new Date().toISOString(),
    editedAt: null,
    deleted: false,
    clientMsgId: send.clientMsgId,
    reactions: {},
  };
  return { type: "message", room: send.room, seq, message };
}

export const ackObject = (send: SendFrame, seq: number) => ({ type: "ack", clientMsgId: send.clientMsgId, room: send.room, id: String(seq), seq });

export const readyFrame = JSON.stringify({ type: "ready", user: author, node: "baseline" });

export const subscribedFrame = (room: string) => JSON.stringify({ type: "subscribed", room, lastSeq: lastSeq, recovered: true });

export const listenPort = (): number => {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error("PORT must be set");
  return port;
};
