import { expect, test } from "./fixtures";
import { expectInert, messagePayloads, roomNamePayloads, shownAs, textsOf, usernamePayloads, watchDialogs } from "./xss-corpus";

/*
 * Issue 8, deliverable 11: hostile text stays text. Messages, room names and
 * (refused) usernames from xss-corpus.ts, rendered live, server-rendered
 * after a reload, in the no-JavaScript archive, in the room list and in a
 * DM: each shows exactly as typed (less the markers of the markdown subset,
 * xss-corpus.ts `shownAs`), no payload runs, no dialog opens, and no element
 * a payload describes exists in the DOM.
 */
test("messages and room names render as text: live, reloaded, archived, listed, in a DM", async ({ alice, bob, browser, baseURL }) => {
  // About half a minute on a quiet machine; generous for a busy CI box.
  test.setTimeout(300_000);
  const aliceDialogs = watchDialogs(alice.page);
  const bobDialogs = watchDialogs(bob.page);

  // Room names: the first through the create form (it lands in the room, whose header shows the name), the rest over the API.
  const roomId = await alice.rooms.createRoom(roomNamePayloads[0]!, "public");
  await expect(alice.page.getByTestId("room-name")).toHaveText(roomNamePayloads[0]!);
  for (const [i, name] of roomNamePayloads.slice(1).entries()) {
    const kind = i % 2 ? "public" : "private";
    const created = await alice.page.request.post("/api/rooms", { data: { name, kind }, headers: { origin: baseURL! } });
    expect(created.status(), name).toBe(201);
  }
  await alice.rooms.goto();
  const listed = await textsOf(alice.page, '[data-testid="room-link"] span.truncate');
  for (const name of roomNamePayloads) expect(listed).toContain(name);
  await expectInert(alice.page, aliceDialogs);

  // Live: alice types every payload, bob watches the room.
  await alice.room.goto(roomId);
  await bob.room.goto(roomId);
  for (const body of messagePayloads) await alice.room.send(body);
  await expect(bob.room.messages).toHaveCount(messagePayloads.length);
  await expect(alice.page.locator('[data-testid="message"][data-status="sent"]')).toHaveCount(messagePayloads.length);
  const shown = messagePayloads.map(shownAs);
  expect(await textsOf(bob.page, '[data-testid="message-body"]')).toEqual(shown);
  expect(await textsOf(alice.page, '[data-testid="message-body"]')).toEqual(shown);
  await expectInert(bob.page, bobDialogs);
  await expectInert(alice.page, aliceDialogs);

  // Server-rendered: the HTML itself carries no payload as markup, and the reloaded page shows the text.
  const html = await (await bob.page.request.get(`/rooms/${roomId}`)).text();
  for (const raw of ["<script>window.__xss", "<img src=x", "<svg onload", "<iframe", "<details open"]) expect(html).not.toContain(raw);
  await bob.page.reload();
  await bob.room.expectOnline();
  expect(await textsOf(bob.page, '[data-testid="message-body"]')).toEqual(shown);
  await expect(bob.page.getByTestId("room-name")).toHaveText(roomNamePayloads[0]!);
  await expectInert(bob.page, bobDialogs);

  // The archive, with JavaScript off.
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await bob.page.context().storageState() });
  const archive = await noJs.newPage();
  await archive.goto(`/rooms/${roomId}/history`);
  expect(await textsOf(archive, '[data-testid="archive-message"] [data-testid="message-body"]')).toEqual(shown);
  await expect(archive.getByTestId("room-name")).toHaveText(roomNamePayloads[0]!);
  await expectInert(archive, []);
  await noJs.close();

  // A DM: both sides, live and listed.
  const dmId = await alice.rooms.openDm(bob.username);
  await alice.room.expectOnline();
  const dmPayloads = messagePayloads.slice(0, 3);
  for (const body of dmPayloads) await alice.room.send(body);
  expect(await bob.rooms.openDm(alice.username)).toBe(dmId);
  await bob.room.expectOnline();
  await expect(bob.room.messages).toHaveCount(dmPayloads.length);
  expect(await textsOf(bob.page, '[data-testid="message-body"]')).toEqual(dmPayloads.map(shownAs));
  await expectInert(bob.page, bobDialogs);
  await bob.rooms.goto();
  await expectInert(bob.page, bobDialogs);
});

test("hostile usernames are refused at sign-up, and nothing from the URL becomes markup", async ({ alice, page, baseURL }) => {
  const dialogs = watchDialogs(page);
  const aliceDialogs = watchDialogs(alice.page);
  const origin = { origin: baseURL! };
  for (const username of usernamePayloads) {
    const response = await page.request.post("/api/signup", { data: { username, password: "password-123" }, headers: origin });
    expect(response.status(), username).toBe(400);
    const dm = await alice.page.request.post("/api/dm", { data: { username }, headers: origin });
    // Refused either as malformed (400) or, once lower-cased, as nobody (404); never a DM.
    expect([400, 404], username).toContain(dm.status());
  }
  // The sign-up form as a person would use it.
  await page.goto("/signup");
  await page.locator('input[name="username"]').fill(usernamePayloads[0]!);
  await page.locator('input[name="password"]').fill("password-123");
  await page.getByTestId("signup-submit").click();
  await page.waitForURL(/\/signup/);
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  await expectInert(page, dialogs);

  // Query parameters pages read: an unknown error code, an "added" name, a javascript: callback.
  const roomId = await alice.rooms.createRoom("xss-params", "private");
  await alice.page.goto(`/rooms/${roomId}?added=${encodeURIComponent('<img src=x onerror=alert(301)>')}&error=${encodeURIComponent("<script>alert(302)</script>")}`);
  await expect(alice.page.getByTestId("form-success")).toHaveCount(0);
  await expectInert(alice.page, aliceDialogs);
  await alice.page.goto(`/rooms?error=${encodeURIComponent("<img src=x onerror=alert(303)>")}&form=dm`);
  await expectInert(alice.page, aliceDialogs);
  await alice.page.goto(`/signin?callbackUrl=${encodeURIComponent("javascript:alert(304)")}`);
  await alice.page.waitForURL(/\/rooms$/);
  await expectInert(alice.page, aliceDialogs);
});
