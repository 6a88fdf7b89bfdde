/** What a fuzz run sent and got back; printed at the end, asserted on by the test. */
export class FuzzStats {
  frames = 0;
  probes = 0;
  reconnects = 0;
  /** Frames ended by a close before their answer (the close is their answer). */
  endedByClose = 0;
  /** Silent frames (typing, read) the probe showed were handled with no reply. */
  silentNoReply = 0;
  readonly sentByLabel = new Map<string, number>();
  readonly answers = new Map<string, number>();
  readonly closes = new Map<number, number>();
  /** Broken promises: each a sentence naming the frame and what happened. */
  readonly problems: string[] = [];
  /** Frames answered `internal`: the server failed on input it should have refused. */
  readonly internal: string[] = [];

  sent(label: string): void {
    this.frames++;
    this.count(this.sentByLabel, label);
  }

  count<K>(map: Map<K, number>, key: K, by = 1): void {
    map.set(key, (map.get(key) ?? 0) + by);
  }

  problem(text: string): void {
    if (this.problems.length < 200) this.problems.push(text);
  }

  answered(): number {
    return [...this.answers.values()].reduce((a, b) => a + b, 0) + this.silentNoReply;
  }

  summary(): string {
    const list = (map: Map<unknown, number>) => [...map].map(([k, v]) => `${k} ${v}`).join(", ");
    return [
      `frames ${this.frames} (+${this.probes} probes), answered ${this.answered()}, ended by a close ${this.endedByClose}, reconnects ${this.reconnects}`,
      `sent: ${list(this.sentByLabel)}`,
      `answers: ${list(this.answers)}, silent with no reply ${this.silentNoReply}`,
      `closes: ${list(this.closes)}`,
    ].join("\n");
  }
}
