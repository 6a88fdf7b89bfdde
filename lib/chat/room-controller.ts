/**
 * The driver of one room: it feeds the reducer (room-reducer.ts) its events
 * (frames and state changes from the connection, HTTP pages, timers, user
 * actions) and runs the effects it returns. The only place in a room with a
 * socket write, a fetch or a timer. React reads it through `subscribe` and
 * `getSnapshot` (useSyncExternalStore); nothing touches the browser until
 * `start()`, so it also renders the server pass. The connection belongs to the
 * caller, who starts and stops it: several rooms can share one.
 */
import { checkBody, defaultLimits, type BodyProblem, type ClientFrame } from "../../protocol/index";
import { realClock, type Clock } from "./clock";
import type { ChatConnection } from "./connection";
import { fetchChangesAfter, fetchOlder, statusOf, type FetchLike } from "./history";
import { newClientMsgId } from "./ids";
import type { RoomEffect, RoomEvent, RoomTimer } from "./room-events";
import { reduceRoom } from "./room-reducer";
import { createRoomState, type RoomInit, type RoomState } from "./room-state";
import { viewOf, type LiveRoomView } from "./room-view";
import { Listeners } from "./wire";

/**
 * onWrite: told of every frame written (the app shell hears this tab's read markers). otherRoom: whether
 * an error's ref names another room on the shared connection (the shell's own subscribes), not for this room.
 */
export type RoomDeps = {
  connection: ChatConnection; fetch?: FetchLike; clock?: Clock;
  onWrite?: (frame: ClientFrame) => void; otherRoom?: (ref: string) => boolean;
};

export class RoomController {
  readonly connection: ChatConnection;
  private current: RoomState;
  private view: LiveRoomView;
  private readonly changed = new Listeners<void>();
  private readonly timers = new Map<RoomTimer, unknown>();
  private readonly fetch: FetchLike;
  private readonly clock: Clock;
  private readonly onWrite: (frame: ClientFrame) => void;
  private readonly otherRoom: (ref: string) => boolean;
  private detach: (() => void)[] = [];

  constructor(init: RoomInit, deps: RoomDeps) {
    this.connection = deps.connection;
    this.fetch = deps.fetch ?? ((url, options) => fetch(url, options));
    this.clock = deps.clock ?? realClock;
    this.onWrite = deps.onWrite ?? (() => {});
    this.otherRoom = deps.otherRoom ?? (() => false);
    this.current = createRoomState(init);
    this.view = viewOf(this.current);
  }

  get state(): RoomState { return this.current; }

  subscribe = (listener: () => void): (() => void) => this.changed.add(listener);
  getSnapshot = (): LiveRoomView => this.view;

  /** Hear the connection and join the room on it (now if it is online, else on its next `ready`). */
  start(): void {
    const c = this.connection;
    this.detach = [
      c.onFrame((frame) => {
        if (frame.type === "error" && frame.ref !== undefined && frame.ref !== this.current.roomId && this.otherRoom(frame.ref)) return;
        this.dispatch({ type: "frame", frame });
      }),
      c.onState((state) => this.dispatch({ type: "connection", state })),
      c.onTerminal((code) => this.dispatch({ type: "terminal", code })),
    ];
    this.dispatch({ type: "start", connection: c.state, closedFor: c.terminalCode });
    this.detach.push(c.watchRoom(this.current.roomId, () => this.dispatch({ type: "rejoin" })));
  }

  /** Leave the room (unsubscribe) and clear every timer; the connection itself stays up. */
  stop(): void {
    for (const undo of this.detach) undo();
    this.detach = [];
    this.dispatch({ type: "stop" });
  }

  /** Queue a message; returns why it was refused, or null. The body should already be trimmed. */
  send(body: string): BodyProblem | null {
    const problem = checkBody(body, defaultLimits.bodyCodePoints);
    if (!problem) this.dispatch({ type: "send", clientMsgId: newClientMsgId(), body });
    return problem;
  }

  /** Change one of my messages; returns why the body was refused, or null once it is sent. */
  edit(messageId: string, body: string): BodyProblem | null {
    const problem = checkBody(body, defaultLimits.bodyCodePoints);
    if (!problem) this.dispatch({ type: "edit", reqId: newClientMsgId(), messageId, body });
    return problem;
  }
  remove(messageId: string): void { this.dispatch({ type: "delete", reqId: newClientMsgId(), messageId }); }
  react(messageId: string, emoji: string, on: boolean): void {
    this.dispatch({ type: "react", reqId: newClientMsgId(), messageId, emoji, on });
  }
  retry(clientMsgId: string): void { this.dispatch({ type: "retry", clientMsgId }); }
  typingNow(): void { this.dispatch({ type: "typing" }); }
  /** The user has seen the messages up to `upTo` (default: the newest): move the read marker. */
  markSeen(upTo?: number): void { this.dispatch({ type: "seen", upTo }); }
  loadOlder(): void { this.dispatch({ type: "loadOlder" }); }
  dismissError(): void { this.dispatch({ type: "dismissError" }); }

  private dispatch(event: RoomEvent): void {
    const { state, effects } = reduceRoom(this.current, event, this.clock.now());
    if (state !== this.current) {
      const view = viewOf(state, { state: this.current, view: this.view });
      this.current = state;
      if (view !== this.view) {
        this.view = view;
        this.changed.emit();
      }
    }
    for (const effect of effects) this.run(effect);
  }

  private run(effect: RoomEffect): void {
    const roomId = this.current.roomId;
    switch (effect.type) {
      case "write":
        if (this.connection.send(effect.frame)) this.onWrite(effect.frame);
        else this.dispatch({ type: "writeFailed", frame: effect.frame });
        return;
      case "fetchOlder":
        fetchOlder(roomId, effect.before, this.fetch).then(
          (page) => this.dispatch({ type: "olderPage", page }),
          (error: unknown) => this.dispatch({ type: "olderFailed", status: statusOf(error) }));
        return;
      case "fetchChanges":
        fetchChangesAfter(roomId, effect.from, this.fetch).then(
          (messages) => this.dispatch({ type: "changesPage", messages, upTo: effect.upTo }),
          (error: unknown) => this.dispatch({ type: "changesFailed", status: statusOf(error) }));
        return;
      case "setTimer":
        this.clearTimer(effect.timer);
        this.timers.set(effect.timer, this.clock.setTimeout(() => {
          this.timers.delete(effect.timer);
          this.dispatch({ type: "timer", timer: effect.timer });
        }, effect.ms));
        return;
      case "clearTimer":
        return this.clearTimer(effect.timer);
    }
  }

  private clearTimer(timer: RoomTimer): void {
    if (this.timers.has(timer)) this.clock.clearTimeout(this.timers.get(timer));
    this.timers.delete(timer);
  }
}
