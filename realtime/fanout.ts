import type { TemplatedApp, WebSocket } from "uWebSockets.js";
import type { Broker } from "./broker/broker";
import { topicOf } from "./socket";

type Buffered = { seq: number; frame: string };

/**
 * A socket between "read lastSeq" and "joined the topic" is catching up: every
 * message frame published for its room meanwhile is kept here, so nothing can
 * fall between the replay and the live stream.
 */
export class CatchUp {
  readonly buffer: Buffered[] = [];
  cancelled = false;
  constructor(readonly roomId: string) {}

  cancel(): void {
    this.cancelled = true;
  }
}

/** Room fan-out: the local uWS topic, the broker, and sockets still catching up. */
export class RoomFanout {
  private catchUps = new Map<string, Set<CatchUp>>();

  constructor(
    private app: TemplatedApp,
    private broker: Broker,
  ) {
    broker.onMessage((topic, frame) => this.deliverLocally(topic, frame, seqOf(frame)));
  }

  /** A committed change (message frame, pre-serialised once) to every subscriber everywhere. */
  publishChange(roomId: string, seq: number, frame: string): void {
    this.deliverLocally(topicOf(roomId), frame, seq);
    this.broker.publish(topicOf(roomId), frame);
  }

  /** An ephemeral frame from a socket (typing) to everyone else in the room; uWS skips the sender. */
  publishFromSocket(ws: WebSocket<unknown>, roomId: string, frame: string): void {
    ws.publish(topicOf(roomId), frame, false);
    this.broker.publish(topicOf(roomId), frame);
  }

  /** Ephemeral frames (presence) for this sidecar's subscribers only. */
  publishLocal(roomId: string, frame: string): void {
    this.app.publish(topicOf(roomId), frame, false);
  }

  beginCatchUp(roomId: string): CatchUp {
    const catchUp = new CatchUp(roomId);
    const set = this.catchUps.get(topicOf(roomId)) ?? new Set();
    set.add(catchUp);
    this.catchUps.set(topicOf(roomId), set);
    return catchUp;
  }

  endCatchUp(catchUp: CatchUp): void {
    const set = this.catchUps.get(topicOf(catchUp.roomId));
    set?.delete(catchUp);
    if (set?.size === 0) this.catchUps.delete(topicOf(catchUp.roomId));
  }

  private deliverLocally(topic: string, frame: string, seq: number | undefined): void {
    this.app.publish(topic, frame, false);
    if (seq === undefined) return;
    for (const catchUp of this.catchUps.get(topic) ?? []) catchUp.buffer.push({ seq, frame });
  }
}

/** Only message frames carry a seq; anything else is not worth buffering. */
function seqOf(frame: string): number | undefined {
  if (!frame.startsWith('{"type":"message"')) return undefined;
  const seq = (JSON.parse(frame) as { seq?: unknown }).seq;
  return typeof seq === "number" ? seq : undefined;
}
