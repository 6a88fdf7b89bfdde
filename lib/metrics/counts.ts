import { Counter, type Registry } from "prom-client";

/*
 * A prom-client counter with one label of a fixed set of values, for hot
 * paths (a frame in, a frame out). prom-client hashes the labels on every
 * inc(), about 100 ns; here an inc() is one addition to a plain number and
 * prom-client reads the numbers when it is scraped (its collect hook). The
 * fixed set is also the bound on the label's cardinality: a value outside it
 * (a bug: callers are typed) is counted as "other". Every value is exposed
 * from the start, at 0, so dashboards and alerts see the series at once.
 */
export type LabelledCounts<L extends string> = { inc(label: L, by?: number): void };

type Definition<L extends string> = { name: string; help: string; label: string; values: readonly L[] };

export function labelledCounts<L extends string>(registry: Registry, definition: Definition<L>): LabelledCounts<L> {
  const counts = new Map<string, number>(definition.values.map((value) => [value, 0]));
  new Counter({
    name: definition.name,
    help: definition.help,
    labelNames: [definition.label],
    registers: [registry],
    collect() {
      this.reset();
      for (const [value, count] of counts) this.inc({ [definition.label]: value }, count);
    },
  });
  return {
    inc(label, by = 1) {
      const count = counts.get(label);
      if (count === undefined) counts.set("other", (counts.get("other") ?? 0) + by);
      else counts.set(label, count + by);
    },
  };
}
