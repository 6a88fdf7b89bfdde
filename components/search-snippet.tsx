import type { SnippetPart } from "@/db/queries/search-snippet";

/** A result's context: every part is text (React escapes it); the matches are <mark> elements. */
export function SearchSnippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <p data-testid="search-snippet" className="mt-0.5 break-words text-slate-800">
      {parts.map((part, i) =>
        part.hit ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-slate-900">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
