import { expect, type Locator, type Page } from "@playwright/test";

export class RoomPage {
  readonly messages: Locator;
  readonly composer: Locator;
  readonly connection: Locator;
  readonly scroller: Locator;
  readonly jumpToLatest: Locator;

  constructor(readonly page: Page) {
    this.messages = page.getByTestId("message");
    this.composer = page.getByTestId("composer");
    this.connection = page.getByTestId("connection-status");
    this.scroller = page.getByTestId("message-scroller");
    this.jumpToLatest = page.getByTestId("jump-to-latest");
  }

  async goto(roomId: string): Promise<void> {
    await this.page.goto(`/rooms/${roomId}`);
    await this.expectOnline();
  }

  async expectOnline(): Promise<void> {
    await expect(this.connection).toHaveAttribute("data-state", "online");
  }

  /** Types a message and presses Enter. */
  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  message(text: string): Locator {
    return this.messages.filter({ has: this.page.getByTestId("message-body").getByText(text, { exact: true }) });
  }

  async expectSent(text: string): Promise<void> {
    await expect(this.message(text)).toHaveAttribute("data-status", "sent");
  }

  /** Scrolls the message list to its top, as a reader going back in time does (older pages load from there). */
  async scrollToOldest(): Promise<void> {
    await this.scroller.evaluate((el) => {
      el.scrollTop = 0;
    });
  }

  /** Bodies of every message in the timeline, in display order. */
  async bodies(): Promise<string[]> {
    return this.page.getByTestId("message-body").allInnerTexts();
  }

  /** Seqs of confirmed messages, in display order. */
  async seqs(): Promise<number[]> {
    const values = await this.messages.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-seq") ?? ""));
    return values.filter((v) => v !== "").map(Number);
  }
}
