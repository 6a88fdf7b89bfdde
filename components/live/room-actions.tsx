"use client";

/**
 * What a message row needs to offer edit, delete and react, without threading
 * props through the list: the room's actions, who I am, and the edit store.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { BodyProblem } from "@/protocol";
import type { EditingStore } from "@/lib/chat/editing";

export type RoomActions = {
  meId: string;
  meName: string;
  /** The room owner may delete anyone's message. */
  canDeleteAny: boolean;
  edit: (messageId: string, body: string) => BodyProblem | null;
  remove: (messageId: string) => void;
  react: (messageId: string, emoji: string, on: boolean) => void;
  editing: EditingStore;
};

const Context = createContext<RoomActions | null>(null);

export function RoomActionsProvider({ value, children }: { value: RoomActions; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** Null outside a live room (a server-only render of a row offers no actions). */
export function useRoomActions(): RoomActions | null {
  return useContext(Context);
}

const noStore = { subscribe: () => () => {}, current: () => null };

/** Whether the message `id` is the one being edited. */
export function useEditing(id: string | null): boolean {
  const store = useContext(Context)?.editing ?? noStore;
  return useSyncExternalStore(store.subscribe, () => id !== null && store.current() === id, () => false);
}
