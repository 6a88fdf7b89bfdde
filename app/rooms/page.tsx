import type { Metadata } from "next";
import { CreateRoomForm } from "@/components/create-room-form";
import { DmForm } from "@/components/dm-form";
import { RoomList } from "@/components/room-list";
import { cardClass } from "@/components/ui";
import { listRoomsForUser } from "@/db/queries/rooms";
import { getDb } from "@/lib/db";
import { formErrorMessage } from "@/lib/form-errors";
import { requireUserOrRedirect } from "@/lib/session";
import { createRoomAction, openDmAction } from "./actions";

export const metadata: Metadata = { title: "Rooms" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RoomsPage({ searchParams }: Props) {
  const user = await requireUserOrRedirect("/rooms");
  const { error, form } = await searchParams;
  const rooms = await listRoomsForUser(getDb(), user.id);
  const message = formErrorMessage(error);
  return (
    <div className="grid gap-6 md:grid-cols-[1fr_18rem]">
      <section>
        <h1 className="mb-3 text-xl font-semibold">Rooms</h1>
        <RoomList rooms={rooms} />
      </section>
      <aside className="space-y-6">
        <div className={cardClass}>
          <CreateRoomForm action={createRoomAction} error={form === "room" ? message : null} />
        </div>
        <div className={cardClass}>
          <DmForm action={openDmAction} error={form === "dm" ? message : null} />
        </div>
      </aside>
    </div>
  );
}
