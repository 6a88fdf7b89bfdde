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
        const socket = new WebSocket(url);
        let acked = 0;
        socket.onerror = () => reject(new Error("socket error"));
        socket.onmessage = (event) => {
          const frame = JSON.parse(String(event.data)) as { type: string; message?: string };
          if (frame.type === "ready") {
            for (const body of bodies) {
              socket.send(JSON.stringify({ type: "send", room: roomId, clientMsgId: crypto.randomUUID(), body }));
            }
          } else if (frame.type === "ack" && ++acked === bodies.length) {
            socket.close();
            resolve();
          } else if (frame.type === "error") {
            reject(new Error(`error frame: ${frame.message}`));
          }
        };
      }),
    { url, roomId, bodies },
  );
}
