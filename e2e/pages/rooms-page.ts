import { expect, type Page } from "@playwright/test";

export class RoomsPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/rooms");
    await expect(this.page.getByTestId("room-list")).toBeVisible();
  }

  /** Creates a room and returns its id (the page lands in the new room). */
  async createRoom(name: string, kind: "public" | "private"): Promise<string> {
    await this.goto();
    await this.page.locator('input[name="name"]').fill(name);
    await this.page.locator('select[name="kind"]').selectOption(kind);
    await this.page.getByTestId("create-room-submit").click();
    await this.page.waitForURL(/\/rooms\/[0-9a-f-]{36}$/);
    return roomIdOf(this.page.url());
  }

  async openRoom(name: string): Promise<string> {
    await this.goto();
    await this.page.getByTestId("room-link").filter({ hasText: name }).click();
    await this.page.waitForURL(/\/rooms\/[0-9a-f-]{36}$/);
    return roomIdOf(this.page.url());
  }

  /** Opens (or creates) the DM room with a user; returns its id. */
  async openDm(username: string): Promise<string> {
    await this.goto();
    await this.page.getByTestId("dm-username").fill(username);
    await this.page.getByTestId("dm-submit").click();
    await this.page.waitForURL(/\/rooms\/[0-9a-f-]{36}$/);
    return roomIdOf(this.page.url());
  }
}

function roomIdOf(url: string): string {
  const id = /\/rooms\/([0-9a-f-]{36})/.exec(url)?.[1];
  if (!id) throw new Error(`not a room URL: ${url}`);
  return id;
}
