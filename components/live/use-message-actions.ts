"use client";

import { useMemo } from "react";
import { EditingStore } from "@/lib/chat/editing";
import type { RoomController } from "@/lib/chat/room-controller";
import type { LiveRoomInit } from "@/lib/chat/room-state";
import type { RoomActions } from "./room-actions";

/** Edit, delete and react for the rows (components/live/room-actions.tsx), and Up arrow's "edit my last message". */
export function useMessageActions(controller: RoomController, { me, canDeleteAny }: LiveRoomInit): RoomActions & { editLast: () => boolean } {
  return useMemo(() => {
    const editing = new EditingStore();
    return {
      meId: me.id, meName: me.username, canDeleteAny: canDeleteAny === true, editing,
      edit: (id: string, body: string) => controller.edit(id, body),
      remove: (id: string) => controller.remove(id),
      react: (id: string, emoji: string, on: boolean) => controller.react(id, emoji, on),
      editLast: () => {
        const last = controller.getSnapshot().items.findLast((i) => i.author.id === me.id && i.id !== null && !i.deleted);
        if (!last?.id) return false;
        editing.start(last.id, document.activeElement instanceof HTMLElement ? document.activeElement : null);
        return true;
      },
    };
  }, [controller, me.id, me.username, canDeleteAny]);
}
