import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "./fixtures";
import { sendBulk } from "./socket-helpers";

/*
 * axe-core on every page, light and dark, desktop and phone width: no serious
 * or critical violation anywhere (each one found is printed). On every page
 * the body's background also proves which scheme applied.
 */
type Visit = { name: string; path: string; ready: (page: Page) => Promise<void> };
const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const schemes = ["light", "dark"] as const;

const visible = (testId: string) => (page: Page) => expect(page.getByTestId(testId).first()).toBeVisible();
const online = (page: Page) => expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "online");

const signedOut: Visit[] = [
  { name: "sign-in", path: "/signin", ready: visible("signin-submit") },
  { name: "sign-up", path: "/signup", ready: visible("signup-submit") },
];

function signedIn(roomId: string, dmId: string): Visit[] {
  return [
    { name: "rooms list", path: "/rooms", ready: visible("room-list") },
    { name: "room", path: `/rooms/${roomId}`, ready: online },
    { name: "archive", path: `/rooms/${roomId}/history`, ready: visible("archive-message") },
    { name: "DM", path: `/rooms/${dmId}`, ready: online },
    { name: "account", path: "/account", ready: visible("change-password-form") },
    { name: "search", path: "/search?q=hello", ready: visible("search-result") },
    { name: "not found", path: "/no-such-page", ready: (page) => expect(page.getByRole("heading", { name: "Not found" })).toBeVisible() },
  ];
}

/** The body's background as sRGB relative luminance (0 black, 1 white), whatever color syntax the CSS used. */
function bodyLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const context = document.createElement("canvas").getContext("2d")!;
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b] = [...context.getImageData(0, 0, 1, 1).data].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}

/** Visit, wait until ready, check the scheme applied, run axe: the serious and critical violations, one line each. */
async function audit(page: Page, visit: Visit, label: string, scheme: (typeof schemes)[number]): Promise<string[]> {
  await page.goto(visit.path);
  await visit.ready(page);
  const luminance = await bodyLuminance(page);
  if (scheme === "dark") expect(luminance, `${label} ${visit.name}: a dark body`).toBeLessThan(0.05);
  else expect(luminance, `${label} ${visit.name}: a light body`).toBeGreaterThan(0.8);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  console.log(`axe ${label} ${visit.name}: ${serious.length} serious/critical, ${violations.length - serious.length} minor/moderate [${violations.map((v) => v.id).join(", ")}]`);
  return serious.flatMap((v) =>
    v.nodes.map((n) => `${label} ${visit.name}: ${v.id} (${v.impact}) ${v.help} at ${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
  );
}

for (const scheme of schemes) {
  for (const [width, viewport] of Object.entries(viewports)) {
    test(`every page passes axe (serious, critical) in ${scheme} at ${width} width`, async ({ alice, bob, browser }) => {
      const roomId = await alice.rooms.createRoom(uniqueName("a11y"), "public");
      await sendBulk(alice.page, roomId, ["hello there", "a second message with https://example.com a link"]);
      const dmId = await alice.rooms.openDm(bob.username);
      await sendBulk(alice.page, dmId, ["a direct message"]);
      const label = `${scheme}/${width}`;

      const anonymous = await browser.newContext({ viewport, colorScheme: scheme });
      const signedOutPage = await anonymous.newPage();
      const found: string[] = [];
      for (const visit of signedOut) found.push(...(await audit(signedOutPage, visit, label, scheme)));
      await anonymous.close();

      await alice.page.setViewportSize(viewport);
      await alice.page.emulateMedia({ colorScheme: scheme });
      for (const visit of signedIn(roomId, dmId)) found.push(...(await audit(alice.page, visit, label, scheme)));
      expect(found, `axe found:\n${found.join("\n")}`).toEqual([]);
    });
  }
}

test("focus is visible: keyboard focus draws an outline on links, buttons and fields", async ({ alice }) => {
  await alice.page.goto("/account");
  const outlines: string[] = [];
  for (let i = 0; i < 6; i++) {
    await alice.page.keyboard.press("Tab");
    outlines.push(
      await alice.page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return `${el.tagName}:${style.outlineStyle}:${style.outlineWidth}`;
      }),
    );
  }
  for (const outline of outlines) expect(outline, outlines.join(", ")).toMatch(/:solid:2px$/);
});
