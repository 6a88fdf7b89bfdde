import assert from "node:assert/strict";
import { test } from "node:test";
import { SameTurnReads } from "../same-turn-reads";

test("keys asked in one turn are read together, each distinct key once; later turns read again", async () => {
  const calls: string[][] = [];
  const reads = new SameTurnReads<number>(async (keys) => {
    calls.push(keys);
    return new Map(keys.filter((k) => k !== "missing").map((k) => [k, k.length]));
  }, 2);
  const first = await Promise.all(["a", "bb", "a", "missing", "ccc"].map((k) => reads.get(k)));
  assert.deepEqual(first, [1, 2, 1, undefined, 3]);
  assert.deepEqual(calls, [["a", "bb"], ["missing", "ccc"]], "distinct keys, in chunks of maxKeys");
  assert.equal(await reads.get("a"), 1);
  assert.equal(calls.length, 3, "a later turn asks the database again");
});

test("a failed read fails every asker of that chunk, and the next turn works", async () => {
  let fail = true;
  const reads = new SameTurnReads<string>(async (keys) => {
    if (fail) throw new Error("database down");
    return new Map(keys.map((k) => [k, k.toUpperCase()]));
  });
  const results = await Promise.allSettled([reads.get("x"), reads.get("y")]);
  assert.deepEqual(results.map((r) => r.status), ["rejected", "rejected"]);
  fail = false;
  assert.equal(await reads.get("x"), "X");
});
