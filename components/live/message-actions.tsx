"use client";

import { useRef, useState } from "react";
import type { TimelineItem } from "@/lib/chat/timeline";
import { DeleteConfirm } from "./delete-confirm";
import { ReactionBar } from "./reaction-bar";
import { ReactionPicker } from "./reaction-picker";
import { useRoomActions } from "./room-actions";

const toolClass =
  "rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400";

/**
 * Under a message, its reactions; at the row's top right (on hover or keyboard
 * focus, always on touch screens) react, edit (mine) and delete (mine, or any
 * as the room owner), positioned against the row (message-item.tsx's `relative`).
 * The server checks the same rules (db/queries/message-writes.ts). The toolbar
 * stays while its message is edited, so focus can go back to the Edit button.
 */
export function MessageActions({ item }: { item: TimelineItem }) {
  const actions = useRoomActions();
  const [confirming, setConfirming] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const id = item.id;
  const live = actions !== null && id !== null && item.status === "sent" && !item.deleted;
  const onToggle = live ? (emoji: string, on: boolean) => actions.react(id, emoji, on) : null;
  const reactions = <ReactionBar reactions={item.reactions} meName={actions?.meName ?? ""} onToggle={onToggle} messageId={id ?? item.key} />;
  if (!live) return <div className="mt-1 empty:hidden">{reactions}</div>;
  const mine = item.author.id === actions.meId;
  const canDelete = mine || actions.canDeleteAny;

  return (
    <>
      <div className="mt-1 empty:hidden">{reactions}</div>
      {confirming ? (
        <div className="mt-1">
          <DeleteConfirm onConfirm={() => actions.remove(id)} onCancel={() => setConfirming(false)} />
        </div>
      ) : (
        <div
          role="toolbar"
          aria-label={`Actions for ${item.author.username}'s message`}
          data-testid="message-actions"
          className="absolute right-3 top-1 flex items-center gap-0.5 rounded-md border border-slate-200 bg-white p-0.5 opacity-0 shadow-sm focus-within:opacity-100 group-hover:opacity-100 [@media(hover:none)]:opacity-100"
        >
          <ReactionPicker onPick={(emoji) => actions.react(id, emoji, !(item.reactions[emoji] ?? []).includes(actions.meName))} />
          {mine ? (
            <button type="button" ref={editButton} data-testid="edit-button" onClick={() => actions.editing.start(id, editButton.current)} className={toolClass}>
              Edit
            </button>
          ) : null}
          {canDelete ? (
            <button type="button" data-testid="delete-button" onClick={() => setConfirming(true)} className={toolClass}>
              Delete
            </button>
          ) : null}
        </div>
      )}
    </>
  );
}
