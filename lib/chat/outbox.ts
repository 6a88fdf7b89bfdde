/**
 * Messages the user wrote that the server has not acknowledged yet. Each keeps
 * its clientMsgId for life: the server stores a clientMsgId once, so re-sending
 * it after a reconnect or a retry can never post the message twice.
 */
export type OutboxEntry = {
  readonly clientMsgId: string;
  readonly body: string;
  readonly status: "pending" | "failed";
  /** When the user sent it (ms since epoch); orders the outbox in the timeline. */
  readonly createdAt: number;
  /** When it was last written to an open socket; null = still to be (re)sent. */
  readonly sentAt: number | null;
  /** Why it failed, for the UI. */
  readonly error: string | null;
  /** Failed only for want of an ack: the next connection sends it again by itself. */
  readonly timedOut: boolean;
};

export type Outbox = readonly OutboxEntry[];

export function addEntry(outbox: Outbox, clientMsgId: string, body: string, now: number): Outbox {
  if (outbox.some((e) => e.clientMsgId === clientMsgId)) return outbox;
  const entry: OutboxEntry = { clientMsgId, body, status: "pending", createdAt: now, sentAt: null, error: null, timedOut: false };
  return [...outbox, entry];
}

export function findEntry(outbox: Outbox, clientMsgId: string): OutboxEntry | undefined {
  return outbox.find((e) => e.clientMsgId === clientMsgId);
}

export function removeEntry(outbox: Outbox, clientMsgId: string): Outbox {
  return outbox.some((e) => e.clientMsgId === clientMsgId) ? outbox.filter((e) => e.clientMsgId !== clientMsgId) : outbox;
}

/** Pending entries not yet written to the current connection. */
export function unsentEntries(outbox: Outbox): OutboxEntry[] {
  return outbox.filter((e) => e.status === "pending" && e.sentAt === null);
}

function updateEntry(
  outbox: Outbox,
  clientMsgId: string,
  change: (e: OutboxEntry) => OutboxEntry,
): Outbox {
  let changed = false;
  const next = outbox.map((e) => {
    if (e.clientMsgId !== clientMsgId) return e;
    const updated = change(e);
    changed ||= updated !== e;
    return updated;
  });
  return changed ? next : outbox;
}

export function markSent(outbox: Outbox, clientMsgId: string, now: number): Outbox {
  return updateEntry(outbox, clientMsgId, (e) => ({ ...e, sentAt: now }));
}

/** Still pending, but to be written again: the write did not happen, or the server said `internal`. */
export function markUnsent(outbox: Outbox, clientMsgId: string): Outbox {
  return updateEntry(outbox, clientMsgId, (e) => (e.status === "pending" ? { ...e, sentAt: null } : e));
}

export function markFailed(outbox: Outbox, clientMsgId: string, reason: string): Outbox {
  return updateEntry(outbox, clientMsgId, (e) => ({ ...e, status: "failed", error: reason, timedOut: false }));
}

/** The user pressed retry: back to pending with the SAME clientMsgId, so the server dedupes if the first try did land. */
export function retryEntry(outbox: Outbox, clientMsgId: string): Outbox {
  return updateEntry(outbox, clientMsgId, requeued);
}

/**
 * After a disconnect nothing is in flight any more: everything pending, and
 * everything that only timed out, is sent again (same clientMsgId, so at most once).
 */
export function forgetSent(outbox: Outbox): Outbox {
  const requeue = (e: OutboxEntry) => (e.status === "pending" && e.sentAt !== null) || e.timedOut;
  if (!outbox.some(requeue)) return outbox;
  return outbox.map((e) => (requeue(e) ? requeued(e) : e));
}

function requeued(e: OutboxEntry): OutboxEntry {
  return { ...e, status: "pending", sentAt: null, error: null, timedOut: false };
}

/** Pending entries written more than `timeoutMs` ago without an ack become failed. */
export function expireUnacked(outbox: Outbox, now: number, timeoutMs: number): Outbox {
  const stale = (e: OutboxEntry) => e.status === "pending" && e.sentAt !== null && now - e.sentAt > timeoutMs;
  if (!outbox.some(stale)) return outbox;
  return outbox.map((e) => (stale(e) ? { ...e, status: "failed", error: "No reply from the server", timedOut: true } : e));
}
