import type { Metadata } from "next";
import Link from "next/link";
import { GetSearchForm } from "@/components/get-search-form";
import { maxSearchQuery } from "@/lib/search-query";
import { SearchResult } from "@/components/search-result";
import { searchMessagesForUser, type SearchPage } from "@/db/queries/search";
import { getDb } from "@/lib/db";
import { searchRetryAfter } from "@/lib/search-limiter";
import { searchQuery } from "@/lib/search-query";
import { requireUserOrRedirect } from "@/lib/session";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
type Outcome = { kind: "form" } | { kind: "invalid"; text: string } | { kind: "limited"; retryAfter: number } | { kind: "page"; page: SearchPage };

/**
 * Message search, server-rendered: a GET form and plain links, so it works
 * without JavaScript. Same query, access rule and limit as GET /api/search.
 */
export default async function SearchMessagesPage({ searchParams }: Props) {
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  const raw = { q: first(params.q), before: first(params.before) };
  const user = await requireUserOrRedirect(raw.q ? `/search?${new URLSearchParams({ q: raw.q })}` : "/search");
  const outcome = await run(user.id, raw);
  return (
    <section>
      <h1 className="mb-3 text-xl font-semibold">Search messages</h1>
      <GetSearchForm action="/search" q={raw.q} inputId="search-input" submitTestId="search-submit" label="Search messages in your rooms" maxLength={maxSearchQuery} required />
      <Results outcome={outcome} q={raw.q ?? ""} />
    </section>
  );
}

async function run(userId: string, raw: { q?: string; before?: string }): Promise<Outcome> {
  if (!raw.q?.trim()) return { kind: "form" };
  const parsed = searchQuery.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", text: `The search ${parsed.error.issues[0]?.message ?? "is not valid"}.` };
  const retryAfter = await searchRetryAfter(userId);
  if (retryAfter) return { kind: "limited", retryAfter };
  return { kind: "page", page: await searchMessagesForUser(getDb(), { userId, ...parsed.data }) };
}

function Results({ outcome, q }: { outcome: Outcome; q: string }) {
  if (outcome.kind === "form") return <p className="text-sm text-slate-500">Search the messages of every room you can read.</p>;
  if (outcome.kind === "invalid") return <Notice text={outcome.text} />;
  if (outcome.kind === "limited") return <Notice text={`Too many searches. Try again in ${outcome.retryAfter} seconds.`} />;
  const { results, nextBefore } = outcome.page;
  if (results.length === 0) return <Notice text="No messages match." />;
  return (
    <>
      <ol data-testid="search-results" className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
        {results.map((hit) => (
          <SearchResult key={hit.id} hit={hit} />
        ))}
      </ol>
      {nextBefore ? (
        <nav aria-label="Search result pages" className="mt-3 text-sm">
          <Link href={`/search?${new URLSearchParams({ q, before: nextBefore })}`} data-testid="search-older" className="text-indigo-700 hover:underline">
            Older results →
          </Link>
        </nav>
      ) : null}
    </>
  );
}

function Notice({ text }: { text: string }) {
  return (
    <p data-testid="search-notice" role="status" className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500">
      {text}
    </p>
  );
}
