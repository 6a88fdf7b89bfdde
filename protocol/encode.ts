import type { ServerFrame, ServerFrameOf } from "./frames";
import type { ChatMessage } from "./message";

/**
 * The one way a server frame becomes text. Typed against ServerFrame, so the
 * compiler checks every frame that goes out as well as what comes in; no
 * parse at run time, as this is the hot path (the test clients validate every
 * frame they receive against serverFrame).
 */
export function encodeFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}

/** A change to a message, in its new state; the frame's seq is the change's cursor (message.version). */
export function messageFrame(room: string, message: ChatMessage): ServerFrameOf<"message"> {
  return { type: "message", room, seq: message.version, message };
}
