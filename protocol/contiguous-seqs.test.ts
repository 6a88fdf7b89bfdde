import assert from "node:assert/strict";
import { test } from "node:test";
import { completeUpTo, contiguousFrom, hasHole, hasSeenSeq, noteSeq, resetSeqs, type ContiguousSeqs } from "./contiguous-seqs";

const noteAll = (c: ContiguousSeqs, seqs: number[]) => seqs.reduce(noteSeq, c);

test("in-order seqs move the value; a seq above a hole waits ahead until the hole fills", () => {
  let c = noteAll(contiguousFrom(5), [6, 7]);
  assert.deepEqual(c, { value: 7, ahead: [] });
  c = noteAll(c, [10, 9]);
  assert.deepEqual(c, { value: 7, ahead: [9, 10] });
  assert.equal(hasHole(c), true);
  c = noteSeq(c, 8);
  assert.deepEqual(c, { value: 10, ahead: [] });
  assert.equal(hasHole(c), false);
});

test("a seq seen already changes nothing and returns the same object", () => {
  const c = noteAll(contiguousFrom(3), [5]);
  for (const seq of [1, 3, 5]) {
    assert.equal(hasSeenSeq(c, seq), true);
    assert.equal(noteSeq(c, seq), c);
  }
  assert.equal(hasSeenSeq(c, 4), false);
  assert.equal(hasSeenSeq(c, 6), false);
});

test("completeUpTo moves the value up over skipped seqs, never down", () => {
  const c = noteAll(contiguousFrom(0), [4, 7, 9]);
  assert.deepEqual(completeUpTo(c, 6), { value: 7, ahead: [9] });
  assert.deepEqual(completeUpTo(c, 12), { value: 12, ahead: [] });
  const ahead = completeUpTo(c, 6);
  assert.equal(completeUpTo(ahead, 5), ahead);
});

test("resetSeqs takes the server's count even below the value, keeping only the seqs above it", () => {
  const c = noteAll(contiguousFrom(10), [12, 15]);
  assert.deepEqual(resetSeqs(c, 4), { value: 4, ahead: [12, 15] });
  assert.deepEqual(resetSeqs(c, 11), { value: 12, ahead: [15] });
  assert.deepEqual(resetSeqs(c, 20), { value: 20, ahead: [] });
});

/** The plain definition: the highest S with every seq up to S seen, and the seen seqs above S. */
function model(start: number, seen: Set<number>): ContiguousSeqs {
  let value = start;
  while (seen.has(value + 1)) value++;
  return { value, ahead: [...seen].filter((s) => s > value).sort((a, b) => a - b) };
}

test("any arrival order ends where the plain definition says", () => {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let run = 0; run < 200; run++) {
    const start = Math.floor(random() * 5);
    const seen = new Set<number>();
    let c = contiguousFrom(start);
    for (let i = 0; i < 30; i++) {
      const seq = 1 + Math.floor(random() * 25);
      assert.equal(hasSeenSeq(c, seq), seq <= start || seen.has(seq));
      seen.add(seq);
      c = noteSeq(c, seq);
      assert.deepEqual(c, model(start, seen));
    }
  }
});
