import { maxSearchQuery } from "@/lib/search-query";
import { inputClass, secondaryButtonClass } from "./ui";

/** A GET form to /search?q=, so searching works without JavaScript. */
export function SearchForm({ q }: { q: string | undefined }) {
  return (
    <form action="/search" method="get" role="search" className="mb-4 flex gap-2">
      <label htmlFor="message-search" className="sr-only">
        Search messages
      </label>
      <input
        id="message-search"
        name="q"
        type="search"
        required
        defaultValue={q}
        maxLength={maxSearchQuery}
        placeholder="Search messages in your rooms"
        data-testid="search-input"
        className={inputClass}
      />
      <button type="submit" data-testid="search-submit" className={secondaryButtonClass}>
        Search
      </button>
    </form>
  );
}
