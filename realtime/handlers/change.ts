import type { ChangeResult, ChangeTarget } from "../../db/queries/message-writes";
import { ChatError } from "../../protocol";
import type { SidecarContext } from "../context";
import { requireRoom } from "../room-access";
import { sendFrame, type ClientSocket } from "../socket";

type Change = { room: string; id: string; reqId: string };

/*
 * Shared by edit, delete and react: access to the room, then the write (which
 * checks who may do it inside its transaction), then the new state to every
 * subscriber and an ack with the change's seq to the requester.
 */
export async function applyChange(
  ctx: SidecarContext,
  ws: ClientSocket,
  frame: Change,
  write: (target: ChangeTarget) => Promise<ChangeResult>,
): Promise<void> {
  await requireRoom(ctx, ws, frame.room, { join: false });
  const messageId = parseMessageId(frame.id);
  if (messageId === null) throw new ChatError("not_found", "message not found");
  const target = { roomId: frame.room, messageId, actorId: ws.getUserData().user.id };
  // In the room's write lane, which publishes it after commit, in seq order with the room's other changes.
  const result = await ctx.writer.change(frame.room, () => write(target));
  if (result.kind !== "changed" && result.kind !== "unchanged") throw refusals[result.kind]();
  sendFrame(ws, { type: "ack", reqId: frame.reqId, room: frame.room, id: frame.id, seq: result.seq });
}

/*
 * A refused change, as the client hears it. A message with the most distinct
 * reactions allowed answers `rate_limited` (the contract's code for "over a
 * limit"; the reaction can still be added once another one is taken off).
 */
const refusals: Record<Exclude<ChangeResult["kind"], "changed" | "unchanged">, () => ChatError> = {
  not_found: () => new ChatError("not_found", "message not found"),
  forbidden: () => new ChatError("forbidden", "not allowed to change this message"),
  full: () => new ChatError("rate_limited", "this message has the most different reactions allowed"),
};

/** Message ids are bigserial numbers sent as strings; anything else names no message. */
function parseMessageId(id: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return null;
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : null;
}
