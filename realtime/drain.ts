import uWS from "uWebSockets.js";
import { CloseCode } from "../protocol";
import type { BatchWriter } from "./batch-writer";
import type { Readiness } from "./health";
import { closeSocket, type ClientSocket } from "./socket";

/*
 * The first half of a graceful stop (SIGTERM), in the order that loses and
 * duplicates nothing:
 * 1. not ready (/readyz 503) and no new connections: the listen socket closes,
 *    so the balancer's connects are refused and redispatched elsewhere;
 * 2. inbound sends are no longer started (dispatch.ts drops them unanswered:
 *    an unanswered send stays in the client's outbox and is sent again, same
 *    clientMsgId, after the reconnect; the batch's dedupe stores it once;
 *    edits, deletes, reactions and reads are not resent by clients: they run);
 * 3. the work in hand finishes: queued sends commit and their acks go out;
 * 4. every socket is closed 1001 (going away), after those acks, so clients
 *    reconnect through the balancer to another sidecar;
 * 5. the writer flushes whatever is left (work past the wait below: committed,
 *    its ack lost with the socket; the client's resend gets the same ack).
 */
export type DrainParts = {
  listenSocket: uWS.us_listen_socket;
  readiness: Readiness;
  sockets: Set<ClientSocket>;
  inFlight: Set<Promise<unknown>>;
  writer: BatchWriter;
  /** How long step 3 may take; the process's own deadline (SHUTDOWN_TIMEOUT_MS) is twice this. */
  settleMs: number;
};

export async function drainSockets({ listenSocket, readiness, sockets, inFlight, writer, settleMs }: DrainParts): Promise<void> {
  readiness.draining = true;
  uWS.us_listen_socket_close(listenSocket);
  await settle(inFlight, settleMs);
  // Acks leave at the end of their microtask run (sendAckSoon): let every one of them out first.
  await new Promise((resolve) => setImmediate(resolve));
  for (const ws of [...sockets]) closeSocket(ws, CloseCode.goingAway);
  await writer.close();
}

/** Wait for in-flight frame work, but not forever: a stuck commit must not keep sockets from their 1001. */
async function settle(inFlight: Set<Promise<unknown>>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (inFlight.size > 0 && Date.now() < deadline) {
    const timeout = new Promise((resolve) => setTimeout(resolve, deadline - Date.now()).unref());
    await Promise.race([Promise.allSettled([...inFlight]), timeout]);
  }
}
