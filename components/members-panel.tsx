"use client";

import { useRouter } from "next/navigation";
import { useContext, useEffect } from "react";
import { leaveRoomAction, removeMemberAction } from "@/app/rooms/[id]/member-actions";
import type { RoomKind } from "@/protocol";
import { FormError } from "./form-error";
import { RoomViewContext } from "./live/room-view-context";
import { OwnerRoomForms } from "./owner-room-forms";

export type PanelMember = { id: string; username: string; role: "owner" | "member" };
type Props = {
  roomId: string;
  roomName: string;
  kind: RoomKind;
  meId: string;
  isOwner: boolean;
  isMember: boolean;
  members: PanelMember[];
  /** A refused form's message (?error= of the members actions). */
  error: string | null;
};

/*
 * Who is in the room: the members the page was rendered with, less those a
 * `removed` frame took out since, plus anyone online who joined since (a
 * public room); the online dot is live presence (RoomViewContext, inside
 * LiveRoom). The owner removes members, renames and deletes the room; any
 * other member may leave (not a DM). Plain forms with server actions
 * (app/rooms/[id]/member-actions.ts), so all of it works with JavaScript off.
 */
export function MembersPanel({ roomId, roomName, kind, meId, isOwner, isMember, members, error }: Props) {
  const view = useContext(RoomViewContext);
  const router = useRouter();
  const renamed = view?.name ?? null;
  // A rename arrives as a frame; the server pass redraws the header (and this panel) with the new name.
  useEffect(() => {
    if (renamed !== null) router.refresh();
  }, [renamed, router]);
  const online = new Map((view?.presence?.online ?? []).map((u) => [u.id, u]));
  const departed = view?.departed ?? new Set<string>();
  const known = members.filter((m) => !departed.has(m.id) || online.has(m.id));
  const joined = [...online.values()].filter((u) => !members.some((m) => m.id === u.id)).map((u) => ({ ...u, role: "member" as const }));
  const removable = !view?.removed && isOwner && kind !== "dm";
  return (
    <aside data-testid="members-panel" aria-label="Members" className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm lg:w-64 lg:self-start">
      <h2 className="mb-2 font-semibold text-slate-800">Members</h2>
      <FormError message={error} />
      <ul className="flex flex-col gap-1">
        {[...known, ...joined].map((m) => (
          <li key={m.id} data-testid="member" data-username={m.username} className="flex items-center gap-2">
            <span
              data-testid="member-online"
              data-online={online.has(m.id) ? "true" : "false"}
              aria-hidden="true"
              className={`h-2.5 w-2.5 shrink-0 rounded-full ${online.has(m.id) ? "bg-emerald-500" : "bg-slate-300"}`}
            />
            <span className="min-w-0 flex-1 truncate">
              {m.username}
              {m.id === meId ? " (you)" : ""}
              <span className="sr-only">{online.has(m.id) ? ", online" : ", offline"}</span>
            </span>
            <span data-testid="member-role" className="text-xs text-slate-500">{m.role}</span>
            {removable && m.role !== "owner" ? (
              <form action={removeMemberAction.bind(null, roomId)}>
                <input type="hidden" name="userId" value={m.id} />
                <button type="submit" data-testid="remove-member" aria-label={`Remove ${m.username}`} className="rounded px-1 text-xs text-rose-700 hover:underline focus:outline-none focus:ring-2 focus:ring-rose-300">
                  Remove
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {removable ? <OwnerRoomForms roomId={roomId} roomName={renamed ?? roomName} /> : null}
      {isMember && !isOwner && kind !== "dm" && !view?.removed ? (
        <form action={leaveRoomAction.bind(null, roomId)} className="mt-3 border-t border-slate-200 pt-3">
          <button type="submit" data-testid="leave-room" className="text-sm text-rose-700 hover:underline focus:outline-none focus:ring-2 focus:ring-rose-300">
            Leave room
          </button>
        </form>
      ) : null}
    </aside>
  );
}
