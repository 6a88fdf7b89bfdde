import { deleteMessage } from "../../db/queries/message-writes";
import type { ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import type { ClientSocket } from "../socket";
import { admitFrame } from "./admit";
import { applyChange } from "./change";

/** delete {room, id, reqId}: the author or the room owner; the message keeps its place, body emptied. */
export async function handleDelete(ctx: SidecarContext, ws: ClientSocket, frame: ClientFrameOf<"delete">) {
  await admitFrame(ctx, ws, "delete");
  await applyChange(ctx, ws, frame, (target) => deleteMessage(ctx.db, target));
}
