import type { SearchHit } from "@/db/queries/search";
import { KindBadge } from "./kind-badge";
import { LocalTime } from "./local-time";
import { SearchSnippet } from "./search-snippet";

/**
 * Where a result opens: the archive page whose newest message is this one
 * (`before` = its seq + 1), scrolled to it and highlighted (#m-SEQ, :target).
 * A plain link, not next/link: a client-side navigation would not set :target.
 */
const archiveHref = (hit: SearchHit) => `/rooms/${hit.room.id}/history?before=${hit.seq + 1}#m-${hit.seq}`;

/** One search result: room, author, time and the matched context, all one link to the message. */
export function SearchResult({ hit }: { hit: SearchHit }) {
  return (
    <li data-testid="search-result" data-message-id={hit.id}>
      <a
        href={archiveHref(hit)}
        data-testid="search-result-link"
        className="block px-4 py-3 hover:bg-slate-50 focus:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-300"
      >
        <div className="flex flex-wrap items-baseline gap-2 text-sm">
          <span data-testid="search-result-room" className="font-semibold text-indigo-700">
            {hit.room.kind === "dm" ? hit.room.name : `#${hit.room.name}`}
          </span>
          <KindBadge kind={hit.room.kind} />
          <span data-testid="search-result-author" className="font-medium text-slate-900">
            {hit.author.username}
          </span>
          <LocalTime iso={hit.createdAt} className="text-xs text-slate-500" />
          {hit.editedAt ? <span className="text-xs text-slate-400">(edited)</span> : null}
        </div>
        <SearchSnippet parts={hit.snippet} />
      </a>
    </li>
  );
}
