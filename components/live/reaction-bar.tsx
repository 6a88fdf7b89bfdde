"use client";

type Props = {
  reactions: Readonly<Record<string, readonly string[]>>;
  meName: string;
  /** Null: shown, not clickable (no live room). */
  onToggle: ((emoji: string, on: boolean) => void) | null;
  messageId: string;
};

/**
 * Counts per emoji. Who reacted shows in a tooltip on hover and on keyboard
 * focus, and is the chip's accessible description; clicking toggles mine.
 */
export function ReactionBar({ reactions, meName, onToggle, messageId }: Props) {
  const entries = Object.entries(reactions).filter(([, users]) => users.length > 0);
  if (entries.length === 0) return null;
  return (
    <ul data-testid="reactions" aria-label="Reactions" className="flex flex-wrap gap-1">
      {entries.map(([emoji, users], index) => {
        const mine = users.includes(meName);
        const who = `${users.join(", ")} reacted with ${emoji}`;
        const tipId = `who-${messageId}-${index}`;
        return (
          <li key={emoji} className="group/chip relative">
            <button
              type="button"
              data-testid="reaction-chip"
              data-emoji={emoji}
              data-count={users.length}
              aria-pressed={mine}
              aria-label={`${emoji} ${users.length}`}
              aria-describedby={tipId}
              disabled={onToggle === null}
              onClick={() => onToggle?.(emoji, !mine)}
              className={`flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 ${
                mine ? "border-indigo-300 bg-indigo-50 text-indigo-800" : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50"
              }`}
            >
              <span aria-hidden>{emoji}</span>
              <span data-testid="reaction-count" aria-hidden>{users.length}</span>
            </button>
            <span
              id={tipId}
              role="tooltip"
              data-testid="reaction-who"
              className="pointer-events-none absolute bottom-full left-0 z-10 mb-1 hidden w-max max-w-xs rounded bg-slate-800 px-2 py-1 text-xs text-white shadow group-focus-within/chip:block group-hover/chip:block"
            >
              {who}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
