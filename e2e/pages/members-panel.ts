import { expect, type Locator, type Page } from "@playwright/test";

/** The room page's members panel (components/members-panel.tsx). */
export class MembersPanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("members-panel");
  }

  member(username: string): Locator {
    return this.root.locator(`[data-testid="member"][data-username="${username}"]`);
  }

  async expectMember(username: string, role: "owner" | "member", online: boolean): Promise<void> {
    const row = this.member(username);
    await expect(row.getByTestId("member-role")).toHaveText(role);
    await expect(row.getByTestId("member-online")).toHaveAttribute("data-online", String(online));
  }

  async remove(username: string): Promise<void> {
    await this.member(username).getByTestId("remove-member").click();
  }

  async rename(name: string): Promise<void> {
    await this.root.getByTestId("rename-input").fill(name);
    await this.root.getByTestId("rename-submit").click();
  }

  async deleteRoom(): Promise<void> {
    await this.root.getByTestId("delete-room-open").click();
    await this.root.getByTestId("delete-room-confirm").click();
  }

  async leave(): Promise<void> {
    await this.root.getByTestId("leave-room").click();
  }
}
