import { mintSessionToken } from "../../../test/support/tokens";
import { BenchClient } from "./bench-client";
import type { BenchUser } from "../../lib/seed";

/**
 * Keeps messages flowing while a storm runs: one socket per room, one send per
 * room every intervalMs (with at most 4 unacked), until stop(). Light enough to
 * live in the runner process (the sidecar runs in its own).
 */
export async function startSteadySender(port: number, secret: string, user: BenchUser, rooms: string[], intervalMs: number) {
  const token = await mintSessionToken(user, { secret });
  const clients = rooms.map((room) => new BenchClient({ port, token, localAddress: "127.0.0.1" }, room));
  await Promise.all(clients.map((client) => client.connect()));
  const body = "message sent during the storm";
  const timer = setInterval(() => {
    for (const client of clients) if (client.pending < 4) client.send(body);
  }, intervalMs);
  return {
    acked: () => clients.reduce((n, c) => n + c.acks, 0),
    stop: () => {
      clearInterval(timer);
      for (const client of clients) client.terminate();
    },
  };
}
