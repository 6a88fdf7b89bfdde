import Link from "next/link";
import type { ReactNode } from "react";
import type { RoomKind } from "@/protocol";
import { KindBadge } from "./kind-badge";

type Props = { name: string; kind: RoomKind; links: ReactNode; children?: ReactNode };

/** Room name and kind, navigation links, and any owner/visitor controls. */
export function RoomHeader({ name, kind, links, children }: Props) {
  return (
    <div className="mb-4 flex flex-col gap-3 border-b border-slate-200 pb-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <Link href="/rooms" className="text-sm text-slate-500 hover:text-indigo-700">
          ← All rooms
        </Link>
        <div className="mt-1 flex items-center gap-2">
          <h1 data-testid="room-name" className="truncate text-xl font-semibold">
            {name}
          </h1>
          <KindBadge kind={kind} />
        </div>
        <div className="mt-1 flex gap-3 text-sm">{links}</div>
      </div>
      {children ? <div className="flex flex-col gap-2 sm:items-end">{children}</div> : null}
    </div>
  );
}
