/*
 * How a client talks to each server. "chat" is our protocol (the sidecar and
 * the bare-uWS and ws baselines speak it); "socket.io" is Engine.IO v4 over
 * WebSocket with Socket.IO events. Frames are classified by one byte at a
 * fixed offset, never JSON-parsed: receipt must stay cheap.
 */
export type Dialect = "chat" | "socket.io";
export type FrameKind = "message" | "ack" | "subscribed" | "ready" | "error" | "other";

export const subscribeFrame = (dialect: Dialect, room: string, since?: number): string =>
  dialect === "chat"
    ? JSON.stringify({ type: "subscribe", room, ...(since === undefined ? {} : { since }) })
    : `42${JSON.stringify(["subscribe", room])}`;

/** A send frame; room and body are plain ASCII made by the bench, so no escaping is needed. */
export const sendFrame = (dialect: Dialect, room: string, clientMsgId: string, body: string): string =>
  dialect === "chat"
    ? `{"type":"send","room":"${room}","clientMsgId":"${clientMsgId}","body":"${body}"}`
    : `42["send",{"room":"${room}","clientMsgId":"${clientMsgId}","body":"${body}"}]`;

const chatKinds: Record<number, FrameKind> = { 0x6d: "message", 0x61: "ack", 0x73: "subscribed", 0x72: "ready", 0x65: "error" };

/** `{"type":"message"...`: the 10th byte names the type. */
function classifyChat(data: Buffer, start: number, end: number): FrameKind {
  return end - start > 9 ? (chatKinds[data[start + 9]!] ?? "other") : "other";
}

/** `42["message",...`: the 5th byte names the event; `40` is the namespace connect. */
function classifySocketIo(data: Buffer, start: number, end: number): FrameKind {
  if (data[start] === 0x34 && data[start + 1] === 0x32 && end - start > 4) return chatKinds[data[start + 4]!] ?? "other";
  if (data[start] === 0x34 && data[start + 1] === 0x30) return "ready";
  return "other";
}

export const classify = (dialect: Dialect, data: Buffer, start: number, end: number): FrameKind =>
  dialect === "chat" ? classifyChat(data, start, end) : classifySocketIo(data, start, end);

/** Engine.IO control packets the client must answer: open -> connect namespace, ping -> pong. */
export function engineIoReply(data: Buffer, start: number, end: number): string | null {
  if (end - start >= 1 && data[start] === 0x30) return "40"; // "0{sid...}" open packet
  if (end - start === 1 && data[start] === 0x32) return "3"; // "2" ping
  return null;
}

const marker = Buffer.from('"t=');

/** The send time (µs, CLOCK_MONOTONIC) embedded in a body as `t=<µs>;`, or -1. */
export function sentAtMicros(data: Buffer, start: number, end: number): number {
  const at = data.indexOf(marker, start);
  if (at < 0 || at >= end) return -1;
  let value = 0;
  for (let i = at + 3; i < end; i++) {
    const digit = data[i]! - 0x30;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return value;
}

/** CLOCK_MONOTONIC in µs: the same clock in every process of the box. */
export const nowMicros = (): number => Number(process.hrtime.bigint() / 1000n);
