import { randomBytes } from "node:crypto";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { AuthPage } from "./pages/auth-page";
import { RoomPage } from "./pages/room-page";
import { RoomsPage } from "./pages/rooms-page";

export type ChatUser = { username: string; password: string; page: Page; rooms: RoomsPage; room: RoomPage; cspViolations: string[] };

/** A unique username per run, so tests never collide in the shared e2e database. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString("hex")}`;
}

/** A signed-up, signed-in user in a browser context of their own. */
export async function signUpUser(browser: Browser, prefix: string): Promise<ChatUser> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Chromium reports what the Content-Security-Policy blocked on the console; every page must need nothing blocked.
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const username = uniqueName(prefix);
  const password = `pw-${randomBytes(6).toString("hex")}`;
  await new AuthPage(page).signUp(username, password);
  return { username, password, page, rooms: new RoomsPage(page), room: new RoomPage(page), cspViolations };
}

type Fixtures = { alice: ChatUser; bob: ChatUser; carol: ChatUser };

function userFixture(prefix: string) {
  return async ({ browser }: { browser: Browser }, use: (user: ChatUser) => Promise<void>) => {
    const user = await signUpUser(browser, prefix);
    await use(user);
    await user.page.context().close();
    expect(user.cspViolations, "nothing on the page was blocked by the CSP").toEqual([]);
  };
}

export const test = base.extend<Fixtures>({
  alice: userFixture("alice"),
  bob: userFixture("bob"),
  carol: userFixture("carol"),
});

export { expect };
