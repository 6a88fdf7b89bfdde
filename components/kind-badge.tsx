import type { RoomKind } from "@/protocol";

const styles: Record<RoomKind, string> = {
  public: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  private: "bg-amber-50 text-amber-800 ring-amber-200",
  dm: "bg-sky-50 text-sky-700 ring-sky-200",
};

const labels: Record<RoomKind, string> = { public: "public", private: "private", dm: "direct" };

export function KindBadge({ kind }: { kind: RoomKind }) {
  return (
    <span
      data-testid="room-kind"
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[kind]}`}
    >
      {labels[kind]}
    </span>
  );
}
