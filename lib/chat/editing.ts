/**
 * Which message the user is editing: at most one per room. A tiny external
 * store (useSyncExternalStore), so starting an edit re-renders only the rows
 * whose answer to "am I being edited?" changed. Focus goes back where the
 * edit started (the composer after Up arrow, the Edit button after a click).
 */
import { Listeners } from "./wire";

type Focusable = { focus(): void; readonly isConnected: boolean };

export class EditingStore {
  private id: string | null = null;
  private returnTo: Focusable | null = null;
  private readonly changed = new Listeners<void>();

  subscribe = (listener: () => void): (() => void) => this.changed.add(listener);
  current = (): string | null => this.id;

  start(id: string, returnTo: Focusable | null): void {
    this.id = id;
    this.returnTo = returnTo;
    this.changed.emit();
  }

  finish(): void {
    const back = this.returnTo;
    this.id = null;
    this.returnTo = null;
    this.changed.emit();
    if (back?.isConnected) back.focus();
  }
}
