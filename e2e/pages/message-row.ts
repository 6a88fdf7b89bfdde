import { expect, type Locator, type Page } from "@playwright/test";

/** One message of the live room, found by its id (its text changes when edited or deleted). */
export class MessageRow {
  readonly row: Locator;
  readonly body: Locator;
  readonly editedMark: Locator;
  readonly tombstone: Locator;
  readonly editInput: Locator;
  readonly chips: Locator;

  constructor(readonly page: Page, readonly id: string) {
    this.row = page.locator(`[data-testid="message"][data-id="${id}"]`);
    this.body = this.row.getByTestId("message-body");
    this.editedMark = this.row.getByTestId("edited-mark");
    this.tombstone = this.row.getByTestId("tombstone");
    this.editInput = this.row.getByTestId("edit-input");
    this.chips = this.row.getByTestId("reaction-chip");
  }

  /** The row of a sent message with this exact text, once it has its id. */
  static async byText(page: Page, text: string): Promise<MessageRow> {
    const row = page.getByTestId("message").filter({ has: page.getByTestId("message-body").getByText(text, { exact: true }) });
    await expect(row).toHaveAttribute("data-status", "sent");
    return new MessageRow(page, (await row.getAttribute("data-id"))!);
  }

  tool(name: "edit-button" | "delete-button" | "react-button"): Locator {
    return this.row.getByTestId(name);
  }

  async edit(text: string): Promise<void> {
    await this.row.hover();
    await this.tool("edit-button").click();
    await this.editInput.fill(text);
    await this.editInput.press("Enter");
    await expect(this.editInput).toHaveCount(0);
  }

  async delete(): Promise<void> {
    await this.row.hover();
    await this.tool("delete-button").click();
    await this.row.getByTestId("delete-confirm-yes").click();
    await expect(this.tombstone).toBeVisible();
  }

  async react(emoji: string): Promise<void> {
    await this.row.hover();
    await this.tool("react-button").click();
    await this.row.locator(`[data-testid="reaction-option"][data-emoji="${emoji}"]`).click();
  }

  chip(emoji: string): Locator {
    return this.row.locator(`[data-testid="reaction-chip"][data-emoji="${emoji}"]`);
  }
}

export type RenderedMessage = { id: string; body: string; edited: boolean; deleted: boolean; reactions: Record<string, number> };

/** What the live message list shows, row by row: the state two pages are compared by. */
export function renderedMessages(page: Page): Promise<RenderedMessage[]> {
  return page.getByTestId("message").evaluateAll((rows) =>
    rows.map((row) => {
      const reactions: Record<string, number> = {};
      for (const chip of row.querySelectorAll('[data-testid="reaction-chip"]')) {
        reactions[chip.getAttribute("data-emoji") ?? ""] = Number(chip.getAttribute("data-count"));
      }
      return {
        id: row.getAttribute("data-id") ?? "",
        body: (row.querySelector('[data-testid="message-body"]') as HTMLElement | null)?.innerText ?? "",
        edited: row.querySelector('[data-testid="edited-mark"]') !== null,
        deleted: row.querySelector('[data-testid="tombstone"]') !== null,
        reactions,
      };
    }));
}
