/**
 * The room's contiguous cursor (contract.md, "The cursor"): `value` is the
 * highest change seq S such that every change up to S has been seen.
 *
 * Live frames can arrive out of order (several sidecars publish through a
 * broker), so seqs above S+1 wait in `ahead` until the hole below them fills.
 * A replay after `subscribed{lastSeq}` is different: the server sends every
 * change in (since, lastSeq] in order with nothing missing, so each replayed
 * frame proves everything below it was delivered, even across seqs the server
 * skipped. We advance per replayed frame (not straight to lastSeq) so that a
 * socket dropped mid-replay resubscribes from the last frame really seen.
 */
export type SeqTracker = {
  readonly value: number;
  /** Live seqs above value+1, ascending, waiting for the gap below them. */
  readonly ahead: readonly number[];
  /** While a replay is running: the lastSeq it is complete up to. */
  readonly replayUpTo: number | null;
};

export function startTracker(value: number): SeqTracker {
  return { value, ahead: [], replayUpTo: null };
}

/** Record that the change with this seq has been seen. */
export function observeSeq(t: SeqTracker, seq: number): SeqTracker {
  if (t.replayUpTo !== null) {
    if (seq <= t.replayUpTo) {
      const done = seq >= t.replayUpTo;
      return settle({ ...t, value: Math.max(t.value, seq), replayUpTo: done ? null : t.replayUpTo });
    }
    // A frame past lastSeq is live, so the replay has ended: (since, lastSeq] is complete.
    t = settle({ ...t, value: Math.max(t.value, t.replayUpTo), replayUpTo: null });
  }
  if (seq <= t.value || t.ahead.includes(seq)) return t;
  return settle({ ...t, ahead: [...t.ahead, seq].sort((a, b) => a - b) });
}

/** `subscribed{recovered:true, lastSeq}`: the replay frames that follow complete (since, lastSeq]. */
export function beginReplay(t: SeqTracker, lastSeq: number): SeqTracker {
  if (lastSeq <= t.value) return settle({ ...t, replayUpTo: null });
  return { ...t, replayUpTo: lastSeq };
}

/** After an HTTP catch-up that is complete up to `seq`: the server's count is the truth. */
export function resetTo(t: SeqTracker, seq: number): SeqTracker {
  return settle({ value: seq, ahead: t.ahead.filter((s) => s > seq), replayUpTo: null });
}

/** True when a later change was seen but one below it was not. */
export function hasGap(t: SeqTracker): boolean {
  return t.replayUpTo === null && t.ahead.length > 0;
}

function settle(t: SeqTracker): SeqTracker {
  let value = t.value;
  const ahead = t.ahead.filter((s) => s > value);
  while (ahead[0] === value + 1) {
    value += 1;
    ahead.shift();
  }
  return { ...t, value, ahead };
}
