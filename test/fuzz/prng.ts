/*
 * A seeded generator (mulberry32), so a failing fuzz run can be replayed
 * exactly with FUZZ_SEED. Math.random and crypto.randomUUID are never used
 * for frame content.
 */
export type Rng = {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: [[weight, value], ...]. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T;
  uuid(): string;
  /** A child generator with its own stream (one per fuzz connection). */
  fork(): Rng;
};

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const rng: Rng = {
    seed,
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[int(items.length)]!;
    },
    weighted: (choices) => {
      const total = choices.reduce((sum, [w]) => sum + w, 0);
      let roll = next() * total;
      for (const [weight, value] of choices) if ((roll -= weight) < 0) return value;
      return choices.at(-1)![1];
    },
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => int(16).toString(16));
      hex[12] = "4";
      hex[16] = (8 + int(4)).toString(16);
      const s = hex.join("");
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    fork: () => createRng(int(2 ** 32)),
  };
  return rng;
}
