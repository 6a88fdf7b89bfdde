import WebSocket from "ws";

export type UpgradeAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string; socket?: WebSocket };

/**
 * Try an upgrade and report what came back: 101 with the open socket (the
 * caller closes it), or the refusal's status, headers and body.
 */
export function upgradeResponse(port: number, options: { token: string; headers?: Record<string, string> }): Promise<UpgradeAnswer> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { authorization: `Bearer ${options.token}`, ...options.headers } });
  return new Promise((resolve, reject) => {
    ws.on("open", () => resolve({ status: 101, headers: {}, body: "", socket: ws }));
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        ws.terminate();
      });
    });
    ws.on("error", reject);
  });
}
