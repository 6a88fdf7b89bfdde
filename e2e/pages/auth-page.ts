import { expect, type Page } from "@playwright/test";

export class AuthPage {
  constructor(private readonly page: Page) {}

  async signUp(username: string, password: string): Promise<void> {
    await this.page.goto("/signup");
    await this.page.locator('input[name="username"]').fill(username);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.getByTestId("signup-submit").click();
    await this.signInIfAsked(username, password);
    await expect(this.page.getByTestId("current-user")).toHaveText(username);
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.goto("/signin");
    await this.fillSignIn(username, password);
    await expect(this.page.getByTestId("current-user")).toHaveText(username);
  }

  /** Sign-up may land on the sign-in page rather than signing in by itself. */
  private async signInIfAsked(username: string, password: string): Promise<void> {
    await this.page.waitForURL((url) => !url.pathname.startsWith("/signup"));
    if (new URL(this.page.url()).pathname.startsWith("/signin")) await this.fillSignIn(username, password);
  }

  private async fillSignIn(username: string, password: string): Promise<void> {
    await this.page.locator('input[name="username"]').fill(username);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.getByTestId("signin-submit").click();
  }
}
