/**
 * A contiguous cursor (contract.md, "The cursor"): `value` is the highest seq
 * S such that every seq up to S has been seen; `ahead` holds the seqs seen
 * above S + 1, ascending, waiting for the hole below them to fill. Pure and
 * immutable (every change returns a new value, an unchanged one the same
 * object): the browser (lib/chat/seq-tracker.ts) and the sidecar
 * (realtime/room-cursors.ts) each keep one per room.
 */
export type ContiguousSeqs = {
  readonly value: number;
  readonly ahead: readonly number[];
};

export function contiguousFrom(value: number): ContiguousSeqs {
  return { value, ahead: [] };
}

/** Whether this seq was seen already. */
export function hasSeenSeq(c: ContiguousSeqs, seq: number): boolean {
  return seq <= c.value || c.ahead.includes(seq);
}

/** One more seq seen: the value moves over it if it fills the hole, else it waits ahead. */
export function noteSeq(c: ContiguousSeqs, seq: number): ContiguousSeqs {
  if (hasSeenSeq(c, seq)) return c;
  if (seq === c.value + 1) return joined(seq, c.ahead);
  const at = c.ahead.findIndex((s) => s > seq);
  const ahead = at === -1 ? [...c.ahead, seq] : [...c.ahead.slice(0, at), seq, ...c.ahead.slice(at)];
  return { value: c.value, ahead };
}

/** Everything up to seq is known to be seen (a complete replay or read): the value moves up to it, never down. */
export function completeUpTo(c: ContiguousSeqs, seq: number): ContiguousSeqs {
  return seq <= c.value ? c : joined(seq, c.ahead);
}

/** The server's count is the truth: the value becomes seq, even below where it was; only seqs above it stay ahead. */
export function resetSeqs(c: ContiguousSeqs, seq: number): ContiguousSeqs {
  return joined(seq, c.ahead);
}

/** True when a later seq was seen but one below it was not. */
export function hasHole(c: ContiguousSeqs): boolean {
  return c.ahead.length > 0;
}

/** Drop the seqs ahead at or below value, then move the value over every one that now joins it. */
function joined(value: number, ahead: readonly number[]): ContiguousSeqs {
  let i = 0;
  for (; i < ahead.length && ahead[i]! <= value + 1; i++) value = Math.max(value, ahead[i]!);
  return { value, ahead: i === 0 ? ahead : ahead.slice(i) };
}
