/** Fixtures for the room tests: people, messages, frames, and a fresh room state. */
import type { ChatMessage, ServerFrame } from "../../protocol/index";
import type { RoomEffect, RoomEvent } from "./room-events";
import { reduceRoom } from "./room-reducer";
import { createRoomState, type RoomInit, type RoomState } from "./room-state";

export const ROOM = "r1";
export const me = { id: "u-me", username: "me" };
export const alice = { id: "u-alice", username: "alice" };

export function msg(seq: number, over: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m${seq}`, seq, version: seq, author: alice, body: `hello ${seq}`, createdAt: "2024-01-01T00:00:00.000Z",
    editedAt: null, deleted: false, clientMsgId: `c${seq}`, reactions: {}, ...over,
  };
}

export const change = (m: ChatMessage, room = ROOM): ServerFrame => ({ type: "message", room, seq: m.version, message: m });
export const subscribed = (lastSeq: number, recovered = true): ServerFrame => ({ type: "subscribed", room: ROOM, lastSeq, recovered });

export function roomInit(cursorAt = 0, messages: ChatMessage[] = [], room = ROOM): RoomInit {
  return { room: { id: room, name: room, kind: "public" }, me, initialMessages: messages, initialCursor: cursorAt, olderBefore: null };
}

export function startRoom(cursorAt = 0, messages: ChatMessage[] = []): RoomState {
  return createRoomState(roomInit(cursorAt, messages));
}

export const frame = (f: ServerFrame): RoomEvent => ({ type: "frame", frame: f });
export const writes = (effects: readonly RoomEffect[]) => effects.flatMap((e) => (e.type === "write" ? [e.frame] : []));

/** Feed events in order at time `now`; the last state and every effect, in order. */
export function playAt(state: RoomState, now: number, ...events: RoomEvent[]) {
  const effects: RoomEffect[] = [];
  for (const event of events) {
    const step = reduceRoom(state, event, now);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

export const play = (state: RoomState, ...events: RoomEvent[]) => playAt(state, 0, ...events);
