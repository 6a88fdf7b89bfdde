import { test } from "node:test";
import assert from "node:assert/strict";
import { backoffCeiling, backoffDelay, defaultBackoff } from "./backoff";

test("the ceiling doubles per attempt from the base and stops at the cap", () => {
  const ceilings = [0, 1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffCeiling(n));
  assert.deepEqual(ceilings, [250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
});

test("full jitter: the delay spans [0, ceiling) with the injected random", () => {
  assert.equal(backoffDelay(3, defaultBackoff, () => 0), 0);
  assert.equal(backoffDelay(3, defaultBackoff, () => 0.5), 1000);
  assert.equal(backoffDelay(3, defaultBackoff, () => 0.999999), 1999);
});

test("jittered delays stay within the cap however many attempts", () => {
  let seed = 42;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let attempt = 0; attempt < 200; attempt++) {
    const delay = backoffDelay(attempt, { baseMs: 100, capMs: 5000 }, random);
    assert.ok(delay >= 0 && delay < Math.min(5000, 100 * 2 ** attempt), `attempt ${attempt}: ${delay}`);
  }
});
