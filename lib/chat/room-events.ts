/** How each server frame moves one room's controller. */
import type { ServerFrame } from "../../protocol/index";
import type { RoomController } from "./room-controller";
import { catchUpOverHttp } from "./room-http";
import * as room from "./room-state";
import { describeRoomError } from "./room-view";

export function onRoomFrame(c: RoomController, frame: ServerFrame): void {
  // Decide before applying: applying an ack or error may take the entry out of the outbox.
  const aboutMySend = frame.type === "error" && frame.ref !== undefined && c.state.outbox.some((e) => e.clientMsgId === frame.ref);
  c.update(room.applyFrame(c.state, frame));
  switch (frame.type) {
    case "subscribed":
      if (frame.room !== c.roomId) break;
      c.subscribed = true;
      c.subscribeFailed = false;
      if (c.extras.roomError) c.setExtras({ roomError: null });
      c.flushOutbox(); // re-send unacked entries with their original clientMsgIds
      if (c.state.catchUp) void catchUpOverHttp(c);
      break;
    case "message":
      if (frame.room === c.roomId) c.stopTyping(frame.message.author.id);
      break;
    case "typing":
      if (frame.room === c.roomId && frame.user.id !== c.state.me.id) c.noteTyping(frame.user);
      break;
    case "presence":
      if (frame.room === c.roomId) c.setExtras({ presence: { online: frame.online ?? null, count: frame.count } });
      break;
    case "error":
      if (aboutMySend) break;
      c.setExtras({ roomError: describeRoomError(frame) });
      // A subscribe refused for a passing reason (the database restarting) is tried again.
      if (frame.ref === c.roomId && frame.code === "internal" && !c.subscribed) c.subscribeFailed = true;
      break;
  }
  c.scheduleResync();
}
