import uWS from "uWebSockets.js";
import { ackObject, listenPort, messageObject, readyFrame, subscribedFrame, type SendFrame } from "./frames";

/*
 * Baseline (a): the practical ceiling. Bare uWebSockets.js, no auth, no
 * database: a send is parsed and `app.publish`ed once to the room topic; uWS
 * does the per-recipient work in C++.
 */
const app = uWS.App();

app.ws("/*", {
  compression: uWS.DISABLED,
  maxPayloadLength: 64 * 1024,
  maxBackpressure: 16 * 1024 * 1024,
  idleTimeout: 120,
  sendPingsAutomatically: true,
  open: (ws) => void ws.send(readyFrame, false),
  message: (ws, data) => {
    const frame = JSON.parse(Buffer.from(data).toString("utf8")) as { type: string; room: string } & SendFrame;
    if (frame.type === "subscribe") {
      ws.subscribe(`room:${frame.room}`);
      ws.send(subscribedFrame(frame.room), false);
    } else if (frame.type === "send") {
      const message = messageObject(frame);
      app.publish(`room:${frame.room}`, JSON.stringify(message), false);
      ws.send(JSON.stringify(ackObject(frame, message.seq)), false);
    }
  },
});
app.get("/healthz", (res) => void res.end('{"ok":true}'));

app.listen("127.0.0.1", listenPort(), (socket) => {
  if (!socket) {
    console.error("bare-uws: cannot listen");
    process.exit(1);
  }
});
process.on("SIGTERM", () => process.exit(0));
