import Link from "next/link";

type Props = { q: string | undefined; after: string | undefined; nextAfter: string | null };

/** Links between pages of public rooms (plain links: no JavaScript needed). */
export function RoomPager({ q, after, nextAfter }: Props) {
  if (!after && !nextAfter) return null;
  const href = (cursor?: string) => {
    const params = new URLSearchParams({ ...(q ? { q } : {}), ...(cursor ? { after: cursor } : {}) });
    return `/rooms${params.size ? `?${params}` : ""}`;
  };
  return (
    <nav aria-label="Public room pages" className="mt-3 flex justify-between text-sm">
      {after ? (
        <Link href={href()} className="text-indigo-700 hover:underline">
          First page
        </Link>
      ) : (
        <span />
      )}
      {nextAfter ? (
        <Link href={href(nextAfter)} data-testid="rooms-next-page" className="text-indigo-700 hover:underline">
          More rooms
        </Link>
      ) : null}
    </nav>
  );
}
