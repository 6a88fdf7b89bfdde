import { expect, type Locator, type Page } from "@playwright/test";

/** /search: the form in the top bar's Search page, its results and the older-results link. */
export class SearchPage {
  readonly results: Locator;
  readonly rooms: Locator;
  readonly marks: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.results = page.getByTestId("search-result");
    this.rooms = page.getByTestId("search-result-room");
    this.marks = page.getByTestId("search-snippet").locator("mark");
    this.notice = page.getByTestId("search-notice");
  }

  /** From any signed-in page: the top bar's Search link, then the form (a plain GET form: no JavaScript needed). */
  async search(q: string): Promise<void> {
    await this.page.getByTestId("nav-search").click();
    await this.page.waitForURL(/\/search$/);
    await this.page.getByTestId("search-input").fill(q);
    await this.page.getByTestId("search-submit").click();
    await this.page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === q);
  }

  async older(): Promise<void> {
    const before = this.page.url();
    await this.page.getByTestId("search-older").click();
    await this.page.waitForURL((url) => url.href !== before && url.searchParams.has("before"));
  }

  /** Opens a result; resolves on the archive page, at the message's anchor. */
  async open(result: Locator): Promise<void> {
    await result.getByTestId("search-result-link").click();
    await this.page.waitForURL(/\/rooms\/[0-9a-f-]{36}\/history\?before=\d+#m-\d+$/);
  }

  /** The archive message the URL's #m-SEQ points at: it is the :target (highlighted) and scrolled into view. */
  async expectTargeted(seq: number): Promise<Locator> {
    const message = this.page.locator(`#m-${seq}`);
    await expect(message).toHaveAttribute("data-seq", String(seq));
    await expect(this.page.locator(":target")).toHaveAttribute("id", `m-${seq}`);
    await expect(message).toBeInViewport();
    return message;
  }
}
