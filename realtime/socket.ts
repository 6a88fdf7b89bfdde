import type { WebSocket } from "uWebSockets.js";
import { CloseCode, encodeFrame, type ServerFrame, type ServerFrameOf, type UserRef } from "../protocol";
import type { CatchUp } from "./catch-up";
import { errorsSent, framesOut } from "./metrics/registry";

/**
 * Per-socket state, kept in uWS user data (ws.getUserData()). The
 * collections are created on first use: an idle socket holds none of them,
 * which is most of the memory an idle connection costs.
 */
export type SocketData = {
  user: UserRef;
  /** Token expiry, epoch ms; the socket is closed 4001 then (session-expiry.ts). */
  expiresAt: number | null;
  /** Which sign-in (sid) at which session version (sv) opened it, and from where; revocations.ts closes it by these. */
  session: SocketSession;
  /** When the upgrade was accepted, epoch ms: the close's log line says how long the socket lived. */
  openedAt: number;
  /** Set by the close handler: a closed uWS socket must not be touched again. */
  closed: boolean;
  /** Rooms whose topic this socket has joined. */
  rooms?: Set<string>;
  /** Rooms this socket holds a RoomCursors watch on (from the start of subscribe until it leaves). */
  watching?: Set<string>;
  /** Out of the ephemeral topics (typing, presence) because its send buffer is filling up. */
  ephemeralPaused: boolean;
  /** Rooms this user was found allowed in (positive answers only), so hot paths skip the database. */
  grants?: Set<string>;
  /** Frames of one socket are handled in arrival order; this is the tail of that chain. */
  queue: Promise<void>;
  /** Frames waiting in that chain, and sends awaiting their commit: the flood guard (dispatch.ts). */
  queued: number;
  /** What those hold, in UTF-16 units of their text (at most the bytes they came in): capped by MAX_QUEUED_BYTES. */
  queuedBytes: number;
  /** Catch-ups in progress per room, so unsubscribe or close can cancel them. */
  catchUps?: Map<string, CatchUp>;
  /** Resolves a replay waiting for this socket's send buffer to drain. */
  onDrain?: () => void;
  /** Acks waiting for the end of this microtask run (sendAckSoon). */
  acks?: string[];
};

export type ClientSocket = WebSocket<SocketData>;

/** One settled promise for every chain's start: none allocated per socket. */
const settled = Promise.resolve();

export type SocketSession = { sid: string; sv: number; address: string };

const noSession: SocketSession = { sid: "", sv: 0, address: "" };

export function newSocketData(user: UserRef, expiresAt: number | null, session: SocketSession = noSession): SocketData {
  return { user, expiresAt, session, openedAt: Date.now(), closed: false, ephemeralPaused: false, queue: settled, queued: 0, queuedBytes: 0 };
}

/** Send a pre-serialised frame unless the socket has gone; corked because we are often past an await. */
export function sendRaw(ws: ClientSocket, text: string): void {
  if (!ws.getUserData().closed) corkedSend(ws, text);
}

/** Counted and encoded only for a socket still open. */
export function sendFrame(ws: ClientSocket, frame: ServerFrame): void {
  if (ws.getUserData().closed) return;
  framesOut.inc(frame.type);
  if (frame.type === "error") errorsSent.inc(frame.code);
  corkedSend(ws, encodeFrame(frame));
}

const corkedSend = (ws: ClientSocket, text: string) => ws.cork(() => ws.send(text, false));

/**
 * An ack, sent once the current microtasks have run: a committed batch
 * resolves all its sends at once, and this socket's acks then leave in one
 * corked write instead of one system call each. Only acks wait: nothing
 * orders them against other frames, and they already follow their message.
 */
export function sendAckSoon(ws: ClientSocket, frame: ServerFrameOf<"ack">): void {
  const data = ws.getUserData();
  if (data.closed) return;
  framesOut.inc("ack");
  if (data.acks) return void data.acks.push(encodeFrame(frame));
  data.acks = [encodeFrame(frame)];
  queueMicrotask(() => {
    const acks = data.acks ?? [];
    data.acks = undefined;
    if (!data.closed) ws.cork(() => acks.forEach((text) => ws.send(text, false)));
  });
}

export function closeSocket(ws: ClientSocket, close: { code: number; reason: string }): void {
  const data = ws.getUserData();
  if (data.closed) return;
  // Marked first: nothing may be sent on it from here on, even before uWS calls close.
  data.closed = true;
  ws.end(close.code, close.reason);
}

/**
 * Wait until the socket drained below half its allowance (long replays go in
 * slices). A client that does not take that much within timeoutMs is closed
 * 4009, like one whose buffer overflows (slow-consumers.ts): a stalled replay
 * would otherwise hold its changes, and the live frames kept for it, forever.
 */
export async function drained(ws: ClientSocket, maxBackpressureBytes: number, timeoutMs: number): Promise<void> {
  const data = ws.getUserData();
  const deadline = Date.now() + timeoutMs;
  while (!data.closed && ws.getBufferedAmount() > maxBackpressureBytes / 2) {
    const left = deadline - Date.now();
    if (left <= 0) return closeSocket(ws, CloseCode.slowConsumer);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      data.onDrain = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
