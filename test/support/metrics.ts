/*
 * Scraping a process's /metrics in tests: the Prometheus text format parsed
 * into series ("name{label=\"v\"}" -> value) and the metric names it declares.
 */
export type Scrape = { series: Map<string, number>; names: Set<string>; text: string };

export async function scrape(port: number, host = "127.0.0.1"): Promise<Scrape> {
  const response = await fetch(`http://${host}:${port}/metrics`);
  if (response.status !== 200) throw new Error(`GET /metrics on ${port}: ${response.status}`);
  return parseExposition(await response.text());
}

function parseExposition(text: string): Scrape {
  const series = new Map<string, number>();
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    if (line.startsWith("# TYPE ")) {
      const [name, type] = line.slice("# TYPE ".length).split(" ") as [string, string];
      names.add(name);
      // What a histogram or summary exposes besides its own name.
      if (type === "histogram") ["_bucket", "_sum", "_count"].forEach((suffix) => names.add(name + suffix));
      if (type === "summary") ["_sum", "_count"].forEach((suffix) => names.add(name + suffix));
    }
    if (line === "" || line.startsWith("#")) continue;
    const cut = line.lastIndexOf(" ");
    series.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return { series, names, text };
}

/** One series' value; 0 if it is not there (a labelled counter that never moved). */
export const valueOf = (s: Scrape, key: string): number => s.series.get(key) ?? 0;

/** How much each series moved between two scrapes. */
export function moved(before: Scrape, after: Scrape, keys: string[]): Record<string, number> {
  return Object.fromEntries(keys.map((key) => [key, valueOf(after, key) - valueOf(before, key)]));
}
