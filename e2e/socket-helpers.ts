import type { Page } from "@playwright/test";
import { socketUrl } from "./stack/state";

/**
 * Sends many messages from inside the page over a socket of its own (the
 * browser sends the session cookie), resolving once every one is acked.
 * Used to build long histories quickly.
 */
export async function sendBulk(page: Page, roomId: string, bodies: string[]): Promise<void> {
  const url = socketUrl();
  await page.evaluate(
    ({ url, roomId, bodies }) =>
      new Promise<void>((resolve, reject) => {
        const sends = bodies.map((body) => ({ type: "send", room: roomId, clientMsgId: crypto.randomUUID(), body }));
        const acked = new Set<string>();
        let sockets = 0;
        // A socket closed before every ack (uWS can drop one right after its upgrade: README, Known
        // issues) is opened again and the rest sent again; a resend with the same clientMsgId is idempotent.
        const open = () => {
          if (++sockets > 3) return reject(new Error("the socket closed before every send was acked, three times"));
          const socket = new WebSocket(url);
          socket.onclose = () => void (acked.size < sends.length && open());
          socket.onmessage = (event) => {
            const frame = JSON.parse(String(event.data)) as { type: string; message?: string; clientMsgId?: string };
            if (frame.type === "ready") {
              for (const send of sends) if (!acked.has(send.clientMsgId)) socket.send(JSON.stringify(send));
            } else if (frame.type === "ack" && frame.clientMsgId) {
              acked.add(frame.clientMsgId);
              if (acked.size === sends.length) {
                socket.close();
                resolve();
              }
            } else if (frame.type === "error") {
              reject(new Error(`error frame: ${frame.message}`));
            }
          };
        };
        open();
      }),
    { url, roomId, bodies },
  );
}
