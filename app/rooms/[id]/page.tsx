import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddMemberForm } from "@/components/add-member-form";
import { LiveRoom } from "@/components/live-room";
import { MembersPanel } from "@/components/members-panel";
import { RoomHeader } from "@/components/room-header";
import { secondaryButtonClass } from "@/components/ui";
import { getMessagesBefore } from "@/db/queries/messages";
import { getRoomMembers } from "@/db/queries/room-members";
import { getRoomAccess } from "@/db/queries/rooms";
import { getDb } from "@/lib/db";
import { formErrorMessage, memberFormErrorMessage } from "@/lib/form-errors";
import { usernameInput } from "@/lib/schemas";
import { requireUserOrRedirect } from "@/lib/session";
import { realtimeSocketUrl } from "@/lib/socket-url";
import { addMemberAction, joinRoomAction } from "./actions";

export const metadata: Metadata = { title: "Room" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/*
 * The live room. Access is getRoomAccess: private and DM rooms are 404 to
 * non-members, exactly like unknown ids. Public rooms can be read by anyone
 * signed in; joining happens on subscribe/send or with the Join button.
 */
export default async function RoomPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireUserOrRedirect(`/rooms/${id}`);
  const access = await getRoomAccess(getDb(), id, user.id);
  if (!access) notFound();
  const { room, membership } = access;
  // The cursor is read (with the room) BEFORE the messages, so it never
  // claims changes the rendered page lacks; the client catches up from it.
  const initialCursor = Number(room.lastSeq);
  const page = await getMessagesBefore(getDb(), { roomId: room.id, limit: 50 });
  const members = await getRoomMembers(getDb(), room.id);
  // The read marker moves only when the browser reports messages seen (visible, tab focused), not on render.
  const { error, added } = await searchParams;
  const isOwner = membership?.role === "owner";
  return (
    <div className="flex flex-col">
      <RoomHeader
        name={room.name}
        kind={room.kind}
        links={
          <Link href={`/rooms/${room.id}/history`} data-testid="archive-link" className="text-indigo-700 hover:underline">
            Archive
          </Link>
        }
      >
        {!membership ? (
          <form action={joinRoomAction.bind(null, room.id)}>
            <button type="submit" data-testid="join-room" className={secondaryButtonClass}>
              Join room
            </button>
          </form>
        ) : null}
        {isOwner && room.kind === "private" ? (
          <AddMemberForm
            action={addMemberAction.bind(null, room.id)}
            error={formErrorMessage(error)}
            added={addedUsername(added)}
          />
        ) : null}
      </RoomHeader>
      <LiveRoom
        members={members}
        room={{ id: room.id, name: room.name, kind: room.kind }}
        me={user}
        initialMessages={[...page.messages].reverse()}
        initialCursor={initialCursor}
        olderBefore={page.nextBefore}
        readSeq={membership ? membership.lastReadSeq : null}
        socketUrl={await realtimeSocketUrl()}
        canDeleteAny={isOwner}
        aside={
          <MembersPanel
            roomId={room.id}
            roomName={room.name}
            kind={room.kind}
            meId={user.id}
            isOwner={isOwner}
            isMember={membership !== null}
            members={members}
            error={memberFormErrorMessage(error)}
          />
        }
      />
    </div>
  );
}

/**
 * `?added=` comes from the URL, so anyone can send the owner a link with
 * any text in it: show it only when it is a username, which is what the add
 * action puts there; anything else is not echoed into the page.
 */
function addedUsername(raw: string | string[] | undefined): string | null {
  if (typeof raw !== "string") return null;
  const parsed = usernameInput.safeParse({ username: raw });
  return parsed.success && parsed.data.username === raw ? raw : null;
}
