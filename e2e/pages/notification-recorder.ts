import type { Page } from "@playwright/test";

export type RecordedNotification = { title: string; body: string; tag: string };
type Recorder = { notes: RecordedNotification[]; objects: { onclick: (() => void) | null }[] };

/**
 * Records every `new Notification(...)` of a page (an init script wraps
 * window.Notification; the permission is the context's), and makes the page
 * look hidden, as a tab in the background is.
 */
export class NotificationRecorder {
  constructor(readonly page: Page) {}

  async install(): Promise<void> {
    await this.page.context().grantPermissions(["notifications"]);
    await this.page.addInitScript(() => {
      const Real = window.Notification;
      const recorder: Recorder = { notes: [], objects: [] };
      function Recording(this: { onclick: (() => void) | null; close: () => void }, title: string, options?: NotificationOptions) {
        recorder.notes.push({ title, body: options?.body ?? "", tag: options?.tag ?? "" });
        this.onclick = null;
        this.close = () => {};
        recorder.objects.push(this);
      }
      Object.defineProperty(Recording, "permission", { get: () => Real.permission });
      Object.assign(Recording, { requestPermission: () => Real.requestPermission() });
      Object.assign(window, { Notification: Recording, notificationRecorder: recorder });
    });
  }

  async hide(): Promise<void> {
    await this.page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
  }

  async notes(): Promise<RecordedNotification[]> {
    return this.page.evaluate(() => (window as unknown as { notificationRecorder: Recorder }).notificationRecorder.notes);
  }

  /** Clicks the i-th notification shown. */
  async click(index: number): Promise<void> {
    await this.page.evaluate((i) => (window as unknown as { notificationRecorder: Recorder }).notificationRecorder.objects[i]?.onclick?.(), index);
  }
}
