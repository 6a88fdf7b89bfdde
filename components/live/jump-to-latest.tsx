"use client";

/** Shown while the reader is scrolled up: how many new messages are below, and a way down to them. */
export function JumpToLatest({ count, onJump }: { count: number; onJump: () => void }) {
  const label = count === 0 ? "Jump to latest" : `${count} new message${count === 1 ? "" : "s"}`;
  return (
    <div className="pointer-events-none absolute inset-x-0 bottom-3 flex justify-center">
      <button
        type="button"
        data-testid="jump-to-latest"
        data-count={count}
        onClick={onJump}
        className="pointer-events-auto flex items-center gap-1.5 rounded-full bg-indigo-600 px-3 py-1.5 text-xs font-medium text-white shadow-md hover:bg-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        <span>{label}</span>
        <span aria-hidden>↓</span>
      </button>
    </div>
  );
}
