import { completeUpTo, contiguousFrom, hasHole, noteSeq, resetSeqs, type ContiguousSeqs } from "../../protocol/contiguous-seqs";

/**
 * The room's contiguous cursor (protocol/contiguous-seqs.ts): `value` is the
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
export type SeqTracker = ContiguousSeqs & {
  /** While a replay is running: the lastSeq it is complete up to. */
  readonly replayUpTo: number | null;
};

export function startTracker(value: number): SeqTracker {
  return { ...contiguousFrom(value), replayUpTo: null };
}

/** Record that the change with this seq has been seen. */
export function observeSeq(t: SeqTracker, seq: number): SeqTracker {
  if (t.replayUpTo !== null) {
    if (seq <= t.replayUpTo) return { ...completeUpTo(t, seq), replayUpTo: seq >= t.replayUpTo ? null : t.replayUpTo };
    // A frame past lastSeq is live, so the replay has ended: (since, lastSeq] is complete.
    t = { ...completeUpTo(t, t.replayUpTo), replayUpTo: null };
  }
  const seqs = noteSeq(t, seq);
  return seqs === t ? t : { ...seqs, replayUpTo: t.replayUpTo };
}

/** `subscribed{recovered:true, lastSeq}`: the replay frames that follow complete (since, lastSeq]. */
export function beginReplay(t: SeqTracker, lastSeq: number): SeqTracker {
  return { ...t, replayUpTo: lastSeq <= t.value ? null : lastSeq };
}

/** After an HTTP catch-up that is complete up to `seq`: the server's count is the truth. */
export function resetTo(t: SeqTracker, seq: number): SeqTracker {
  return { ...resetSeqs(t, seq), replayUpTo: null };
}

/** True when a later change was seen but one below it was not. */
export function hasGap(t: SeqTracker): boolean {
  return t.replayUpTo === null && hasHole(t);
}
