/** What the live room renders: the timeline plus connection, typing, presence and errors, derived from the room's state. */
import { CloseCode, type ServerFrameOf } from "../../protocol/index";
import type { ConnectionState } from "./connection";
import type { RoomState } from "./room-state";
import { timeline, type TimelineItem } from "./timeline";
import { typingNames } from "./typing";

/**
 * The state's fields the page shows as they are (closedFor: a terminal close
 * code, no more reconnecting; removed: out of the room, the composer goes;
 * departed: members who left since the page loaded; name: a rename while
 * open), plus what is derived from the rest.
 */
export type LiveRoomView = Pick<
  RoomState,
  "connection" | "closedFor" | "presence" | "roomError" | "olderBefore" | "loadingOlder" | "removed" | "departed" | "name"
> & {
  readonly items: readonly TimelineItem[];
  readonly typing: readonly string[];
};

/**
 * The view of `state`, reusing what did not change since `prev` (the view of
 * `prevState`): the same view object when nothing shown changed, so React
 * skips the render, and the same items array when the timeline did not change.
 */
export function viewOf(state: RoomState, prev?: { state: RoomState; view: LiveRoomView }): LiveRoomView {
  const sameItems = prev !== undefined && state.messages === prev.state.messages && state.outbox === prev.state.outbox;
  const sameTyping = prev !== undefined && state.typing === prev.state.typing;
  const view: LiveRoomView = {
    items: sameItems ? prev.view.items : timeline(state),
    connection: state.connection,
    closedFor: state.closedFor,
    typing: sameTyping ? prev.view.typing : typingNames(state.typing),
    presence: state.presence,
    roomError: state.roomError,
    olderBefore: state.olderBefore,
    loadingOlder: state.loadingOlder,
    removed: state.removed,
    departed: state.departed,
    name: state.name,
  };
  if (!prev) return view;
  const same = (Object.keys(view) as (keyof LiveRoomView)[]).every((key) => view[key] === prev.view[key]);
  return same ? prev.view : view;
}

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
  if (closedFor === CloseCode.sessionExpired.code) return "Signed out — sign in again";
  if (closedFor !== null) return "Disconnected by the server";
  if (connection === "online") return "Online";
  if (connection === "connecting") return "Connecting…";
  return "Offline — reconnecting…";
}
