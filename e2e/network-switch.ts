import type { Page, WebSocketRoute } from "@playwright/test";

/**
 * Takes one page off the network and back. `context.setOffline` alone fails
 * new requests but leaves open WebSockets running (Playwright issue #4910), so
 * every socket of the page also goes through a route: going offline closes the
 * open ones (the server hears the close too) and refuses new ones until back online.
 * Call before the page opens its socket.
 */
export async function networkSwitch(page: Page) {
  let offline = false;
  const open = new Set<WebSocketRoute>();
  await page.routeWebSocket(() => true, (ws) => {
    if (offline) return void ws.close({ code: 1001, reason: "offline" });
    ws.connectToServer();
    open.add(ws);
    ws.onClose(() => open.delete(ws));
  });
  return {
    async goOffline(): Promise<void> {
      offline = true;
      await page.context().setOffline(true);
      await Promise.all([...open].map((ws) => ws.close({ code: 1001, reason: "offline" })));
      open.clear();
    },
    async goOnline(): Promise<void> {
      offline = false;
      await page.context().setOffline(false); // the page hears `online` and reconnects at once
    },
  };
}
