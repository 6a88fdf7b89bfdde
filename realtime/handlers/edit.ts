import { editMessage } from "../../db/queries/message-writes";
import type { ClientFrameOf } from "../../protocol";
import type { SidecarContext } from "../context";
import type { ClientSocket } from "../socket";
import { admitFrame } from "./admit";
import { applyChange } from "./change";
import { checkSendBody } from "./send";

/** edit {room, id, body, reqId}: only the author; same body rules as send. */
export async function handleEdit(ctx: SidecarContext, ws: ClientSocket, frame: ClientFrameOf<"edit">) {
  await admitFrame(ctx, ws, "edit");
  checkSendBody(frame.body, ctx.config.limits.maxBodyCodePoints);
  await applyChange(ctx, ws, frame, (target) => editMessage(ctx.db, target, frame.body));
}
