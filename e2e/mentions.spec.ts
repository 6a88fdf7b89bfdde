import AxeBuilder from "@axe-core/playwright";
import { expect, test, uniqueName } from "./fixtures";
import { NotificationRecorder } from "./pages/notification-recorder";
import { ShellPage } from "./pages/shell-page";

test("@ autocompletes members with the keyboard; the mention is highlighted, more strongly for its target, live and in the archive", async ({ alice, bob, carol }) => {
  const room = await alice.rooms.createRoom(uniqueName("mention"), "public");
  await bob.room.goto(room);
  await carol.room.goto(room);
  await alice.room.goto(room); // the page lists the members as it renders
  // Notifications are offered, not asked for on load.
  await expect(alice.page.getByTestId("enable-notifications")).toBeVisible();
  expect(await alice.page.evaluate(() => Notification.permission)).toBe("default");
  const composer = alice.room.composer;
  const listbox = alice.page.getByTestId("mention-listbox");
  const options = alice.page.getByTestId("mention-option");

  await composer.pressSequentially("hi @");
  await expect(listbox).toBeVisible();
  await expect(composer).toHaveAttribute("aria-expanded", "true");
  await expect(options).toHaveText([`@${bob.username}`, `@${carol.username}`], { timeout: 5_000 });
  await expect(composer).toHaveAttribute("aria-activedescendant", (await options.nth(0).getAttribute("id"))!);
  await composer.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(composer).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
  const axe = await new AxeBuilder({ page: alice.page }).include('[data-testid="composer"]').include('[data-testid="mention-listbox"]').analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await composer.press("ArrowUp");
  await composer.press("Escape");
  await expect(listbox).toHaveCount(0);
  await expect(composer).toHaveAttribute("aria-expanded", "false");

  await composer.pressSequentially(bob.username.slice(0, 5));
  await expect(options).toHaveText([`@${bob.username}`]);
  await composer.press("Tab");
  await expect(composer).toHaveValue(`hi @${bob.username} `);
  await expect(listbox).toHaveCount(0);
  await composer.pressSequentially("look");
  await composer.press("Enter"); // the list is closed: Enter sends
  const text = `hi @${bob.username} look`;
  await alice.room.expectSent(text);
  await expect(composer).toHaveValue("");

  const mentionOf = (page: typeof alice.page) => page.getByTestId("message").filter({ hasText: text }).getByTestId("mention");
  await expect(mentionOf(alice.page)).toHaveText(`@${bob.username}`);
  await expect(mentionOf(alice.page)).not.toHaveAttribute("data-me", "true");
  await expect(mentionOf(bob.page)).toHaveAttribute("data-me", "true");
  await expect(mentionOf(carol.page)).not.toHaveAttribute("data-me", "true");
  await bob.page.goto(`/rooms/${room}/history`);
  await expect(bob.page.getByTestId("archive-message").filter({ hasText: text }).getByTestId("mention")).toHaveAttribute("data-me", "true");
});

test("the mention badge rises live in another room and clears when the room is seen", async ({ alice, bob }) => {
  const busy = await alice.rooms.createRoom(uniqueName("busy"), "public");
  const quiet = await alice.rooms.createRoom(uniqueName("quiet"), "public");
  await bob.room.goto(busy);
  await bob.room.goto(quiet);
  await alice.room.goto(busy);
  const shell = new ShellPage(bob.page);
  await shell.expectMentions(busy, 0);

  await alice.room.send(`@${bob.username} are you there?`);
  await alice.room.send("no mention here");
  await alice.room.send(`cc @${bob.username.toUpperCase()}`);
  await alice.room.send(`mail ${bob.username}@example.org`);
  await shell.expectUnread(busy, 4);
  await shell.expectMentions(busy, 2);
  await shell.expectMentions(quiet, 0);
  const axe = await new AxeBuilder({ page: bob.page }).include('[data-testid="sidebar"]').analyze();
  expect(axe.violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
  // A fresh snapshot from the server agrees.
  await bob.page.reload();
  await bob.room.expectOnline();
  await shell.expectMentions(busy, 2);

  await shell.room(busy).click();
  await bob.page.waitForURL(`**/rooms/${busy}`);
  await expect(bob.room.message("no mention here")).toBeVisible();
  await shell.expectMentions(busy, 0);
  await shell.expectUnread(busy, 0);
});

test("a hidden tab notifies once for a mention and for a DM message, never for its own; a click opens the room", async ({ alice, bob }) => {
  const busyName = uniqueName("notify");
  const busy = await alice.rooms.createRoom(busyName, "public");
  const dm = await alice.rooms.openDm(bob.username);
  const recorder = new NotificationRecorder(bob.page);
  await recorder.install();
  const quiet = await bob.rooms.createRoom(uniqueName("bobs"), "public");
  await bob.room.goto(busy);
  await bob.room.goto(quiet);
  await expect(bob.page.getByTestId("enable-notifications")).toHaveCount(0); // already granted: nothing to ask
  await alice.room.goto(busy);
  await recorder.hide();

  await alice.room.send(`hey @${bob.username}, a question`);
  await expect.poll(() => recorder.notes()).toHaveLength(1);
  await bob.room.send(`note to self @${bob.username}`); // my own: no notification
  await bob.room.expectSent(`note to self @${bob.username}`);
  await alice.room.goto(dm);
  await alice.room.send("just between us");
  await expect.poll(() => recorder.notes()).toHaveLength(2);
  expect(await recorder.notes()).toEqual([
    { title: `${alice.username} mentioned you in ${busyName}`, body: `hey @${bob.username}, a question`, tag: expect.any(String) },
    { title: `${alice.username} (direct message)`, body: "just between us", tag: expect.any(String) },
  ]);

  await recorder.click(0);
  await bob.page.waitForURL(`**/rooms/${busy}`);
  await expect(bob.room.message(`hey @${bob.username}, a question`)).toBeVisible();
});

