import { inputClass, secondaryButtonClass } from "./ui";

/** A GET form to /rooms?q=, so searching works without JavaScript. */
export function RoomSearch({ q }: { q: string | undefined }) {
  return (
    <form action="/rooms" method="get" role="search" className="mb-4 flex gap-2">
      <label htmlFor="room-search" className="sr-only">
        Search rooms by name
      </label>
      <input
        id="room-search"
        name="q"
        type="search"
        defaultValue={q}
        maxLength={64}
        placeholder="Search rooms by name"
        data-testid="room-search"
        className={inputClass}
      />
      <button type="submit" data-testid="room-search-submit" className={secondaryButtonClass}>
        Search
      </button>
    </form>
  );
}
