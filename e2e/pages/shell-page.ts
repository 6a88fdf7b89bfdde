import { expect, type Locator, type Page } from "@playwright/test";

/** The app shell around the room pages: the sidebar (desktop) or its drawer (phone width). */
export class ShellPage {
  readonly sidebar: Locator;
  readonly drawer: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByTestId("sidebar");
    this.drawer = page.getByTestId("drawer");
  }

  room(roomId: string, within: Locator = this.sidebar): Locator {
    return within.locator(`[data-testid="sidebar-room"][data-room-id="${roomId}"]`);
  }

  unread(roomId: string): Locator {
    return this.room(roomId).getByTestId("sidebar-unread");
  }

  mentions(roomId: string): Locator {
    return this.room(roomId).getByTestId("sidebar-mentions");
  }

  async expectMentions(roomId: string, count: number): Promise<void> {
    if (count === 0) await expect(this.mentions(roomId)).toHaveCount(0);
    else await expect(this.mentions(roomId)).toHaveText(`@${count}`);
  }

  async expectUnread(roomId: string, count: number): Promise<void> {
    if (count === 0) await expect(this.unread(roomId)).toHaveCount(0);
    else await expect(this.unread(roomId)).toHaveText(String(count));
  }

  /** Counts the WebSockets the page opens from now on. */
  countSockets(): { readonly opened: number } {
    const counter = { opened: 0 };
    this.page.on("websocket", () => void counter.opened++);
    return counter;
  }
}
