/** A message's reactions in the archive: emoji and count, who reacted in the title and the accessible name. */
export function ArchiveReactions({ reactions }: { reactions: Record<string, string[]> }) {
  const entries = Object.entries(reactions).filter(([, users]) => users.length > 0);
  if (entries.length === 0) return null;
  return (
    <ul aria-label="Reactions" className="mt-1 flex flex-wrap gap-1">
      {entries.map(([emoji, users]) => (
        <li
          key={emoji}
          data-testid="archive-reaction"
          data-emoji={emoji}
          title={`${users.join(", ")} reacted with ${emoji}`}
          aria-label={`${emoji} ${users.length}: ${users.join(", ")}`}
          className="rounded-full border border-slate-200 bg-white px-2 py-0.5 text-xs text-slate-700"
        >
          {emoji} {users.length}
        </li>
      ))}
    </ul>
  );
}
