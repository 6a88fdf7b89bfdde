import * as hdr from "hdr-histogram-js";
import postgres from "postgres";

/* Latency figures in milliseconds: from an HDR histogram of microseconds, or from a list of times. */
export type LatencySummary = { count: number; p50: number; p99: number; p999: number; max: number };

export function summarize(histogram: hdr.Histogram): LatencySummary {
  const ms = (us: number) => Math.round(us) / 1000;
  return {
    count: histogram.totalCount,
    p50: ms(histogram.getValueAtPercentile(50)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
  };
}

/**
 * "One measured DB commit": single-row INSERTs, each its own autocommit
 * transaction, one after another on the bench database, timed from the
 * client (round trip + WAL flush).
 */
export async function measureCommitLatency(databaseUrl: string, commits: number): Promise<LatencySummary> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`create table if not exists bench_commit (id bigserial primary key, body text not null)`;
    const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
    for (let i = 0; i < commits; i++) {
      const started = process.hrtime.bigint();
      await sql`insert into bench_commit (body) values (${"x".repeat(64)})`;
      histogram.recordValue(Math.max(1, Number((process.hrtime.bigint() - started) / 1000n)));
    }
    return summarize(histogram);
  } finally {
    await sql.end();
  }
}

/** Percentile of sorted values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
