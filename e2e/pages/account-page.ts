import { expect, type Page } from "@playwright/test";

/** /account: change the password, sign out everywhere. */
export class AccountPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/account");
    await expect(this.page.getByTestId("change-password-form")).toBeVisible();
  }

  /** Fills and submits the form; the new password is typed twice (confirm defaults to it). */
  async changePassword(current: string, next: string, confirm = next): Promise<void> {
    await this.page.locator('input[name="currentPassword"]').fill(current);
    await this.page.locator('input[name="newPassword"]').fill(next);
    await this.page.locator('input[name="confirmPassword"]').fill(confirm);
    await this.page.getByTestId("change-password-submit").click();
  }

  async expectChanged(): Promise<void> {
    await expect(this.page.getByTestId("password-changed")).toBeVisible();
  }

  async expectError(text: RegExp): Promise<void> {
    await expect(this.page.getByTestId("form-error")).toHaveText(text);
  }
}
