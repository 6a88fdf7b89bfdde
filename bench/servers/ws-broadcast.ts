import { createServer } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { ackObject, listenPort, messageObject, readyFrame, subscribedFrame, type SendFrame } from "./frames";

/*
 * Baseline (b): the plain `ws` broadcast server of the seed article. Rooms are
 * sets of sockets and a message is sent by looping over them in JavaScript.
 */
const roomMembers = new Map<string, Set<WebSocket>>();

const http = createServer((req, res) => {
  res.writeHead(req.url === "/healthz" ? 200 : 404).end('{"ok":true}');
});
const wss = new WebSocketServer({ server: http, maxPayload: 64 * 1024 });

wss.on("connection", (ws) => {
  const joined = new Set<string>();
  ws.send(readyFrame);
  ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as { type: string; room: string } & SendFrame;
    if (frame.type === "subscribe") {
      const members = roomMembers.get(frame.room) ?? new Set();
      members.add(ws);
      roomMembers.set(frame.room, members);
      joined.add(frame.room);
      ws.send(subscribedFrame(frame.room));
    } else if (frame.type === "send") {
      const message = messageObject(frame);
      const text = JSON.stringify(message);
      for (const member of roomMembers.get(frame.room) ?? []) member.send(text);
      ws.send(JSON.stringify(ackObject(frame, message.seq)));
    }
  });
  ws.on("close", () => joined.forEach((room) => roomMembers.get(room)?.delete(ws)));
});

http.listen(listenPort(), "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
