import Link from "next/link";
import type { NewerLink } from "@/db/queries/archive-links";

type Props = { roomId: string; olderBefore: number | null; newer: NewerLink };

/** Older/newer archive links; each is absent at its end of the history. */
export function ArchiveNav({ roomId, olderBefore, newer }: Props) {
  const base = `/rooms/${roomId}/history`;
  const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
  return (
    <nav aria-label="Archive pages" className="flex items-center justify-between gap-3 py-3">
      {olderBefore !== null ? (
        <Link href={`${base}?before=${olderBefore}`} data-testid="older-link" className={linkClass}>
          ← Older
        </Link>
      ) : (
        <span className="text-sm text-slate-400">Beginning of history</span>
      )}
      {newer.kind === "before" ? (
        <Link href={`${base}?before=${newer.before}`} data-testid="newer-link" className={linkClass}>
          Newer →
        </Link>
      ) : newer.kind === "newest" ? (
        <Link href={base} data-testid="newer-link" className={linkClass}>
          Newer →
        </Link>
      ) : (
        <span className="text-sm text-slate-400">Latest messages</span>
      )}
    </nav>
  );
}
