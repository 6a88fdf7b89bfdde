import net from "node:net";
import { waitFor } from "../wait-for";

/* Ports for the servers tests start: free ones, never a fixed number that two runs could both want. */

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}

/** n distinct ports nothing listens on right now (all held open until every one is found). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => listenOn(0)));
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map(close));
  return ports;
}

/** n consecutive free ports (the launcher puts its sidecars on the ports after the balancer's). */
export async function freePortRange(n: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await freePort();
    const held = await Promise.allSettled(Array.from({ length: n }, (_, i) => listenOn(first + i)));
    const servers = held.flatMap((h) => (h.status === "fulfilled" ? [h.value] : []));
    await Promise.all(servers.map(close));
    if (servers.length === n) return first;
  }
  throw new Error(`no ${n} consecutive free ports found`);
}

const close = (server: net.Server) => new Promise((resolve) => server.close(resolve));

function listenOn(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

/** Resolves once something accepts TCP connections on the port. */
export function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const tryConnect = () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve();
      });
      socket.on("error", reject);
    });
  return waitFor(tryConnect, { timeoutMs, intervalMs: 50 });
}
