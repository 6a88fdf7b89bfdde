import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArchiveMessage } from "@/components/archive-message";
import { ArchiveNav } from "@/components/archive-nav";
import { RoomHeader } from "@/components/room-header";
import { getMessagesBefore } from "@/db/queries/messages";
import { getRoomAccess } from "@/db/queries/rooms";
import { getDb } from "@/lib/db";
import { getNewerLink, type NewerLink } from "@/db/queries/archive-links";
import { requireUserOrRedirect } from "@/lib/session";

export const metadata: Metadata = { title: "Archive" };

const pageSize = 50;

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * Server-rendered archive: the 50 messages before `?before=SEQ` (the newest
 * 50 without it), oldest first, plain links, no JavaScript needed. Same
 * access rule as the live room; a malformed `before` is treated as absent.
 */
export default async function HistoryPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireUserOrRedirect(`/rooms/${id}/history`);
  const access = await getRoomAccess(getDb(), id, user.id);
  if (!access) notFound();
  const { room } = access;
  const before = parseSeq((await searchParams).before);
  const page = await getMessagesBefore(getDb(), { roomId: room.id, before, limit: pageSize });
  const newestOnPage = page.messages[0]?.seq ?? (before ?? 1) - 1;
  const newer: NewerLink =
    before === undefined ? { kind: "none" } : await getNewerLink(getDb(), room.id, newestOnPage, pageSize);
  return (
    <div>
      <RoomHeader
        name={room.name}
        kind={room.kind}
        links={
          <>
            <span className="text-slate-500">Archive</span>
            <Link href={`/rooms/${room.id}`} className="text-indigo-700 hover:underline">
              Back to live room
            </Link>
          </>
        }
      />
      <ArchiveNav roomId={room.id} olderBefore={page.nextBefore} newer={newer} />
      {page.messages.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500">No messages here.</p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {[...page.messages].reverse().map((message) => (
            <ArchiveMessage key={message.id} message={message} me={user.username} />
          ))}
        </ol>
      )}
    </div>
  );
}

function parseSeq(raw: string | string[] | undefined): number | undefined {
  return typeof raw === "string" && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}
