import type { Browser } from "@playwright/test";
import { expect, test, uniqueName, type ChatUser } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { AuthPage } from "./pages/auth-page";
import { RoomPage } from "./pages/room-page";

/** The same user signed in in another browser context (another device), optionally with JavaScript off. */
async function secondDevice(browser: Browser, user: ChatUser, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await new AuthPage(page).signIn(user.username, user.password);
  return page;
}

test("changing the password signs the other device out (its live room ends, its next page is sign-in); this one stays", async ({ alice, browser }) => {
  const roomId = await alice.rooms.createRoom(uniqueName("acct"), "public");
  const phone = await secondDevice(browser, alice);
  const phoneRoom = new RoomPage(phone);
  await phoneRoom.goto(roomId);

  await alice.page.getByTestId("account-link").click();
  const account = new AccountPage(alice.page);
  await expect(alice.page.getByTestId("change-password-form")).toBeVisible();
  await account.changePassword("not-the-password", "a-new-password-1");
  await account.expectError(/not your current password/);
  await account.changePassword(alice.password, "a-new-password-1", "a-typo-password-1");
  await account.expectError(/not the same/);
  await account.changePassword(alice.password, "a-new-password-1");
  await account.expectChanged();

  await expect(phone.getByTestId("sign-in-again")).toBeVisible();
  await phone.reload();
  await expect(phone).toHaveURL(/\/signin/);

  await alice.room.goto(roomId);
  await alice.room.send("still here");
  await alice.room.expectSent("still here");
  await new AuthPage(phone).signIn(alice.username, "a-new-password-1");
  await phone.context().close();
});

test("without JavaScript: the password form and sign out everywhere work as plain forms", async ({ alice, browser }) => {
  const noJs = await secondDevice(browser, alice, false);
  const account = new AccountPage(noJs);
  await account.goto();
  await account.changePassword("not-the-password", "no-js-password-1");
  await account.expectError(/not your current password/);
  await account.changePassword(alice.password, "no-js-password-1");
  await account.expectChanged();
  await expect(noJs.getByTestId("current-user")).toHaveText(alice.username);

  await alice.page.goto("/rooms");
  await expect(alice.page).toHaveURL(/\/signin/);

  await noJs.getByTestId("account-signout-everywhere").click();
  await expect(noJs).toHaveURL(/\/signin/);
  await noJs.goto("/account");
  await expect(noJs).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);
  await noJs.context().close();
});
