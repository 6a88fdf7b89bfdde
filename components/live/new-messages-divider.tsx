/** Where the user left off: above the first message that was unread when the room opened. */
export function NewMessagesDivider() {
  return (
    <li role="separator" data-testid="new-messages-divider" className="my-2 flex items-center gap-2 px-4 text-xs font-semibold text-rose-600">
      <span className="h-px flex-1 bg-rose-300" />
      New messages
      <span className="h-px flex-1 bg-rose-300" />
    </li>
  );
}
