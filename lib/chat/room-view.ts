/** What the live room renders: the timeline plus connection, typing, presence and errors. */
import type { ServerFrameOf, UserRef } from "../../protocol/index";
import type { ConnectionState } from "./socket";
import type { TimelineItem } from "./timeline";

export type Presence = { readonly online: readonly UserRef[] | null; readonly count: number };

export type RoomExtras = {
  readonly connection: ConnectionState;
  /** A terminal close code (4001 session expired, 4008 abuse): no more reconnecting. */
  readonly closedFor: number | null;
  readonly typing: readonly string[];
  readonly presence: Presence | null;
  readonly roomError: string | null;
  readonly olderBefore: number | null;
  readonly loadingOlder: boolean;
};

export type LiveRoomView = RoomExtras & { readonly items: readonly TimelineItem[] };

/** A readable banner for an error frame that is not about one of my sends. */
export function describeRoomError(frame: ServerFrameOf<"error">): string {
  switch (frame.code) {
    case "not_found": return "This room does not exist, or you are not a member of it.";
    case "forbidden": return "You are not allowed to do that in this room.";
    case "unauthorized": return "Your session has ended. Sign in again.";
    case "rate_limited": return "Slow down: too many messages.";
    default: return frame.message || "Something went wrong.";
  }
}

/** The label beside the connection dot. */
export function connectionLabel(connection: ConnectionState, closedFor: number | null): string {
  if (closedFor === 4001) return "Signed out — sign in again";
  if (closedFor !== null) return "Disconnected by the server";
  if (connection === "online") return "Online";
  if (connection === "connecting") return "Connecting…";
  return "Offline — reconnecting…";
}
