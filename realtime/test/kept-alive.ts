import { Agent, get } from "node:http";

/*
 * GETs over ONE kept-alive HTTP connection, as a balancer's health checker
 * with keep-alive asks: a draining sidecar has closed its listen socket, so
 * only a connection opened before the drain can still hear it say 503.
 */
export type KeptAlive = {
  get(path: string): Promise<{ status: number; body: unknown; reused: boolean }>;
  close(): void;
};

export function keptAliveConnection(port: number): KeptAlive {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    get: (path) =>
      new Promise((resolve, reject) => {
        const req = get({ host: "127.0.0.1", port, path, agent }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown, reused: req.reusedSocket }));
        });
        req.on("error", reject);
      }),
    close: () => agent.destroy(),
  };
}
