import type { Metadata } from "next";
import { CreateRoomForm } from "@/components/create-room-form";
import { DmForm } from "@/components/dm-form";
import { RoomList } from "@/components/room-list";
import { RoomPager } from "@/components/room-pager";
import { GetSearchForm } from "@/components/get-search-form";
import { cardClass } from "@/components/ui";
import { listMemberRooms, listOtherPublicRooms } from "@/db/queries/room-list";
import { getDb } from "@/lib/db";
import { formErrorMessage } from "@/lib/form-errors";
import { roomListQuery, type RoomListQuery } from "@/lib/schemas";
import { requireUserOrRedirect } from "@/lib/session";
import { createRoomAction, openDmAction } from "./actions";

export const metadata: Metadata = { title: "Rooms" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The user's rooms, then public rooms they are not in, a page at a time, searchable by name. */
export default async function RoomsPage({ searchParams }: Props) {
  const user = await requireUserOrRedirect("/rooms");
  const params = await searchParams;
  const parsed = roomListQuery.safeParse({ q: params.q, after: params.after });
  const query: Partial<RoomListQuery> = parsed.success ? parsed.data : {};
  const [mine, others] = await Promise.all([
    listMemberRooms(getDb(), user.id, query.q),
    listOtherPublicRooms(getDb(), user.id, query),
  ]);
  const message = formErrorMessage(params.error);
  return (
    <div className="grid gap-6 md:grid-cols-[1fr_18rem]">
      <section>
        <h1 className="mb-3 text-xl font-semibold">Rooms</h1>
        <GetSearchForm action="/rooms" q={query.q} inputId="room-search" submitTestId="room-search-submit" label="Search rooms by name" maxLength={64} />
        <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">Your rooms</h2>
        <RoomList rooms={mine} emptyText={query.q ? "None of your rooms match." : undefined} />
        <h2 className="mb-2 mt-6 text-sm font-semibold uppercase tracking-wide text-slate-500">Public rooms</h2>
        <RoomList rooms={others.rooms} testId="public-room-list" emptyText="No other public rooms here." />
        <RoomPager q={query.q} after={query.after} nextAfter={others.nextAfter} />
      </section>
      <aside className="space-y-6">
        <div className={cardClass}>
          <CreateRoomForm action={createRoomAction} error={params.form === "room" ? message : null} />
        </div>
        <div className={cardClass}>
          <DmForm action={openDmAction} error={params.form === "dm" ? message : null} />
        </div>
      </aside>
    </div>
  );
}
