/**
 * The user's changes to existing messages: edit, delete, react. Each is one
 * frame with a fresh reqId, tracked until its `ack` or `error` answers it.
 * Nothing is applied optimistically: the server's `message` frame (which every
 * subscriber gets, the sender too) is what changes the timeline, so a refused
 * change has nothing to undo, only a message to show.
 */
import type { ClientFrame, ServerFrame, ServerFrameOf } from "../../protocol/index";
import { stay, type ActionEvent, type Step } from "./room-events";
import type { ActionKind, PendingAction, RoomState } from "./room-state";

const offlineMessage = "You are offline: the change was not sent. Try again once reconnected.";

/** Write the action's frame and remember its reqId; offline, nothing is sent and the user is told. */
export function requestAction(state: RoomState, event: ActionEvent): Step {
  if (state.connection !== "online" || !state.subscribed) return stay({ ...state, roomError: offlineMessage });
  const frame = frameOf(state.roomId, event);
  const actions = new Map(state.actions).set(event.reqId, { kind: event.type, messageId: event.messageId });
  return stay({ ...state, actions }, { type: "write", frame });
}

/** The pending action an `ack` or `error` frame answers, if any. */
export function actionAnswered(state: RoomState, frame: ServerFrame): PendingAction | null {
  const reqId = frame.type === "ack" ? frame.reqId : frame.type === "error" ? frame.ref : undefined;
  return reqId === undefined ? null : state.actions.get(reqId) ?? null;
}

/** An answer settles the action; a refusal becomes the room's banner. */
export function settleAction(state: RoomState, frame: ServerFrame, action: PendingAction): RoomState {
  const reqId = frame.type === "ack" ? frame.reqId : frame.type === "error" ? frame.ref : undefined;
  const actions = new Map(state.actions);
  actions.delete(reqId ?? "");
  if (frame.type !== "error") return { ...state, actions };
  return { ...state, actions, roomError: describeActionError(action, frame) };
}

/** The socket could not take the frame after all. */
export function actionWriteFailed(state: RoomState, frame: ClientFrame): RoomState | null {
  if (frame.type !== "edit" && frame.type !== "delete" && frame.type !== "react") return null;
  const actions = new Map(state.actions);
  actions.delete(frame.reqId);
  return { ...state, actions, roomError: offlineMessage };
}

/** The socket closed: no answer will come; what happened shows in the catch-up after the reconnect. */
export function forgetActions(state: RoomState): RoomState {
  return state.actions.size === 0 ? state : { ...state, actions: new Map() };
}

const verbs: Record<ActionKind, string> = { edit: "edit the message", delete: "delete the message", react: "change the reaction" };

function describeActionError(action: PendingAction, frame: ServerFrameOf<"error">): string {
  const verb = verbs[action.kind];
  switch (frame.code) {
    case "forbidden": return `You are not allowed to ${verb}.`;
    case "not_found": return `Could not ${verb}: it was deleted or is gone.`;
    case "rate_limited": return `Could not ${verb}: ${frame.message || "slow down"}.`;
    case "too_large": return `Could not ${verb}: the text is too long.`;
    default: return `Could not ${verb}: ${frame.message || "something went wrong"}.`;
  }
}

function frameOf(room: string, event: ActionEvent): ClientFrame {
  switch (event.type) {
    case "edit": return { type: "edit", room, id: event.messageId, body: event.body, reqId: event.reqId };
    case "delete": return { type: "delete", room, id: event.messageId, reqId: event.reqId };
    case "react": return { type: "react", room, id: event.messageId, emoji: event.emoji, on: event.on, reqId: event.reqId };
  }
}
