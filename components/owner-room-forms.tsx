"use client";

import { deleteRoomAction, renameRoomAction } from "@/app/rooms/[id]/member-actions";
import { inputClass, secondaryButtonClass } from "./ui";

/** The owner's rename and delete forms; delete asks for confirmation with <details>, so it needs no JavaScript. */
export function OwnerRoomForms({ roomId, roomName }: { roomId: string; roomName: string }) {
  return (
    <div className="mt-3 flex flex-col gap-3 border-t border-slate-200 pt-3">
      <form action={renameRoomAction.bind(null, roomId)} className="flex flex-col gap-1">
        <label htmlFor="rename-room" className="text-xs font-medium text-slate-600">
          Room name
        </label>
        <div className="flex gap-2">
          <input
            id="rename-room"
            key={roomName}
            name="name"
            data-testid="rename-input"
            defaultValue={roomName}
            required
            maxLength={64}
            className={`${inputClass} py-1.5`}
          />
          <button type="submit" data-testid="rename-submit" className={secondaryButtonClass}>
            Rename
          </button>
        </div>
      </form>
      <details>
        <summary data-testid="delete-room-open" className="cursor-pointer text-sm text-rose-700 focus:outline-none focus:ring-2 focus:ring-rose-300">
          Delete room…
        </summary>
        <form action={deleteRoomAction.bind(null, roomId)} className="mt-2">
          <p className="mb-2 text-xs text-slate-600">Every message goes, for everyone. This cannot be undone.</p>
          <button
            type="submit"
            data-testid="delete-room-confirm"
            className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-500 focus:outline-none focus:ring-2 focus:ring-rose-300"
          >
            Delete for everyone
          </button>
        </form>
      </details>
    </div>
  );
}
