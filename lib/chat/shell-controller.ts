/**
 * The driver of the app shell: one ChatConnection for every room of the
 * user, kept across room switches. It keeps the sidebar's unread counts
 * (unread.ts, pure) from a snapshot (GET /api/me/rooms) and the socket's
 * frames: every room the user belongs to is subscribed (up to maxWatched,
 * under MAX_ROOMS_PER_SOCKET and the subscribe limit) except the one a
 * RoomController has claimed, which hears its own subscription; `read` frames
 * from the user's other tabs and this tab's own read markers lower the counts.
 */
import type { ClientFrame, ServerFrame } from "../../protocol/index";
import { realClock, type Clock } from "./clock";
import type { ChatConnection } from "./connection";
import type { FetchLike } from "./history";
import { MentionNotices } from "./mention-notices";
import { sameView, viewOf, type ShellView } from "./shell-view";
import { SubscribePacer } from "./subscribe-pacer";
import { mentionsMayChange, withMessage, withRead, withSnapshot, type SidebarRoom, type UnreadState, type Viewer } from "./unread";
import { Listeners } from "./wire";

export type ShellDeps = { connection: ChatConnection; fetch?: FetchLike; clock?: Clock };

const maxWatched = 50;

export class ShellController {
  readonly connection: ChatConnection;
  /** Mentions and DM messages worth a browser notification. */
  readonly notices = new MentionNotices();
  private state: UnreadState;
  private view: ShellView;
  private readonly changed = new Listeners<void>();
  private readonly watched = new Map<string, () => void>();
  private claimed: string | null = null;
  private detach: (() => void)[] = [];
  private readyOnce = false;
  private fetching: Promise<void> | null = null;
  private again = false;
  private readonly fetch: FetchLike;
  private readonly pacer: SubscribePacer;

  constructor(readonly viewer: Viewer, rooms: readonly SidebarRoom[], deps: ShellDeps) {
    this.connection = deps.connection;
    this.fetch = deps.fetch ?? ((url, options) => fetch(url, options));
    this.pacer = new SubscribePacer(deps.clock ?? realClock, (room) => this.subscribeNow(room));
    this.state = withSnapshot(null, viewer, rooms);
    this.view = viewOf(this.state);
  }

  subscribe = (listener: () => void): (() => void) => this.changed.add(listener);
  getSnapshot = (): ShellView => this.view;

  start(): void {
    this.detach = [this.connection.onFrame((frame) => this.onFrame(frame))];
    this.syncWatches();
    this.connection.start();
  }

  stop(): void {
    for (const undo of [...this.detach, ...this.watched.values()]) undo();
    this.detach = [];
    this.watched.clear();
    this.pacer.clear();
    this.connection.stop();
  }

  /** A RoomController takes the room over (it subscribes itself); the release hands it back. */
  claim(roomId: string): () => void {
    this.claimed = roomId;
    this.watched.get(roomId)?.();
    this.watched.delete(roomId);
    return () => {
      if (this.claimed === roomId) this.claimed = null;
      this.syncWatches();
    };
  }

  /** Whether the shell subscribes `room` itself (its errors are not the open room's). */
  watches = (room: string): boolean => this.watched.has(room);

  /** A frame this tab wrote (RoomDeps.onWrite): its own read markers lower the counts. */
  wrote = (frame: ClientFrame): void => {
    if (frame.type === "read") this.read(frame.room, frame.seq);
  };

  /** Fetch a new snapshot (after navigation, a reconnect, a marker inside the old snapshot); one at a time. */
  refresh(): void {
    if (this.fetching) return void (this.again = true);
    this.fetching = this.fetch("/api/me/rooms", { credentials: "same-origin" })
      .then((res) => (res.ok ? (res.json() as Promise<{ rooms: SidebarRoom[] }>) : null))
      .then((body) => { if (body) { this.set(withSnapshot(this.state, this.viewer, body.rooms)); this.syncWatches(); } })
      .catch(() => {})
      .finally(() => {
        this.fetching = null;
        if (this.again) { this.again = false; this.refresh(); }
      });
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.type === "message") {
      this.notices.heard(this.state, frame);
      if (mentionsMayChange(this.state, frame)) this.refresh();
      this.set(withMessage(this.state, frame));
    }
    else if (frame.type === "read") this.read(frame.room, frame.seq);
    else if (frame.type === "error" && frame.code === "rate_limited" && frame.ref && this.watched.has(frame.ref)) this.pacer.refused(frame.ref);
    else if (frame.type === "subscribed") {
      this.notices.subscribed(frame);
      // A room not in the list was just joined (opening a public room joins it); a watched one lost too much.
      if (!this.state.rooms.has(frame.room) || (!frame.recovered && this.watched.has(frame.room))) this.refresh();
    }
    else if (frame.type === "ready") {
      if (this.readyOnce) this.refresh(); // offline meanwhile: counts may have moved in rooms the replays miss
      this.readyOnce = true;
    }
  }

  private read(roomId: string, seq: number): void {
    const { state, exact } = withRead(this.state, roomId, seq);
    this.set(state);
    if (!exact) this.refresh();
  }

  private syncWatches(): void {
    const wanted = new Set([...this.state.rooms.keys()].filter((id) => id !== this.claimed).slice(0, maxWatched));
    for (const [id, undo] of this.watched) if (!wanted.has(id)) { undo(); this.watched.delete(id); }
    for (const id of wanted) {
      if (!this.watched.has(id)) this.watched.set(id, this.connection.watchRoom(id, () => this.pacer.enqueue(id)));
    }
  }

  /** The pacer's turn for `room`: false if it no longer wants a subscribe (claimed, left) or the socket is down. */
  private subscribeNow(room: string): boolean {
    const r = this.state.rooms.get(room);
    if (!r || room === this.claimed) return false;
    return this.connection.send({ type: "subscribe", room, since: r.seen });
  }

  private set(state: UnreadState): void {
    if (state === this.state) return;
    this.state = state;
    const view = viewOf(state);
    if (sameView(view, this.view)) return;
    this.view = view;
    this.changed.emit();
  }
}
