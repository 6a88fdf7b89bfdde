import { createServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { ackObject, listenPort, messageObject, type SendFrame } from "./frames";

/*
 * Baseline (c): what most people would pick. Socket.IO with the Redis adapter
 * (REDIS_URL, REDIS_KEY_PREFIX), rooms by socket.join, io.to(room).emit.
 * WebSocket transport only: the generator speaks Engine.IO v4 over WebSocket.
 */
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const pub = new Redis(redisUrl);
const sub = pub.duplicate();

const http = createServer((req, res) => {
  if (req.url === "/healthz") res.writeHead(200).end('{"ok":true}');
});
const io = new Server(http, { transports: ["websocket"], serveClient: false, maxHttpBufferSize: 64 * 1024 });
io.adapter(createAdapter(pub, sub, { key: process.env.REDIS_KEY_PREFIX ?? "bench-socket.io" }));

io.on("connection", (socket) => {
  socket.on("subscribe", (room: string) => {
    void socket.join(room);
    socket.emit("subscribed", { room });
  });
  socket.on("send", (send: SendFrame) => {
    const message = messageObject(send);
    io.to(send.room).emit("message", message);
    socket.emit("ack", ackObject(send, message.seq));
  });
});

http.listen(listenPort(), "127.0.0.1");
process.on("SIGTERM", () => {
  void Promise.allSettled([pub.quit(), sub.quit()]).then(() => process.exit(0));
});
