import { isDeepStrictEqual } from "node:util";
import type { Answer } from "./answer";
import type { Row } from "./http-table";
import { actors, kinds, type Actor, type Kind, type Snapshot, type Target, type World } from "./world";

/** One surface's table: every entry point with its expected row per room kind. */
export type Table = { name: string; expect: { public: Row; private: Row; dm: Row }; joinsPublic?: boolean }[];
export type Ask<T> = (entry: T, actor: Actor, target: Target) => Promise<Answer>;

/** The hidden kinds: to anyone outside them these must be indistinguishable. */
const hidden: Kind[] = ["private", "dm", "unknown", "malformed"];

/** What the table says a cell answers; unknown and malformed rooms answer as the private room does to an outsider. */
export function expected(row: { public: Row; private: Row; dm: Row }, kind: Kind, actor: Actor): string | null {
  if (kind === "unknown" || kind === "malformed") return actor === "anonymous" || actor === "nonMember" ? row.private[actors.indexOf(actor)]! : null;
  return row[kind][actors.indexOf(actor)] ?? null;
}

/** A refusal must change nothing; a redirect back to the list or to an error is a refusal too. */
export function isRefusal(summary: string): boolean {
  return /^(4\d\d|error |upgrade |307 |not listed)/.test(summary) || summary === "→ /rooms" || summary === "→ /signin" || summary.includes("?error=");
}

/**
 * Runs every cell of a table, each against a room and message of its own,
 * and returns the mismatches as readable lines (all of them, not just the
 * first) and the number of cells run.
 */
export async function runTable<T extends Table[number]>(world: World, surface: string, table: T[], ask: Ask<T>) {
  const failures: string[] = [];
  let cells = 0;
  for (const entry of table) {
    const details = new Map<string, string>();
    for (const kind of kinds) {
      for (const actor of actors) {
        const want = expected(entry.expect, kind, actor);
        if (want === null) continue;
        cells++;
        const where = `${surface} ${entry.name} | ${kind} | ${actor}`;
        const target = await world.target(kind, `mx ${entry.name} ${kind} ${actor}`);
        const before = await world.snapshot(target);
        const got = await ask(entry, actor, target);
        const after = await world.snapshot(target);
        details.set(`${actor}/${kind}`, got.detail);
        if (got.summary !== want) failures.push(`${where}: expected ${want}, got ${got.summary}`);
        failures.push(...sideEffects(where, want, before, after, kind === "public" && actor === "nonMember" ? entry.joinsPublic : undefined));
      }
    }
    failures.push(...sameForOutsiders(`${surface} ${entry.name}`, details));
  }
  return { failures, cells };
}

function sideEffects(where: string, want: string, before: Snapshot | null, after: Snapshot | null, joins: boolean | undefined): string[] {
  const problems: string[] = [];
  if (isRefusal(want) && !isDeepStrictEqual(before, after)) {
    problems.push(`${where}: refused, yet changed ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  }
  // (A refusal that joined is reported once, above.)
  if (joins !== undefined && !isRefusal(want) && after && after.nonMemberIn !== joins) {
    problems.push(`${where}: the non-member should ${joins ? "" : "not "}be in the room afterwards`);
  }
  return problems;
}

/** Non-members learn nothing: a hidden room answers exactly as a missing or malformed id does. */
function sameForOutsiders(where: string, details: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const actor of ["anonymous", "nonMember"] as const) {
    const reference = details.get(`${actor}/unknown`);
    for (const kind of hidden) {
      const detail = details.get(`${actor}/${kind}`);
      if (detail !== reference) {
        const at = firstDifference(detail ?? "", reference ?? "");
        problems.push(`${where} | ${actor}: ${kind} answers differently from an unknown room, from character ${at}:\n    ${clip(detail, at)}\n    ${clip(reference, at)}`);
      }
    }
  }
  return problems;
}

/** Up to 300 characters of an answer, from a little before where it differs. */
const clip = (text: string | undefined, from: number) => {
  const start = Math.max(0, from - 60);
  return text === undefined ? "undefined" : `${start > 0 ? "…" : ""}${text.slice(start, start + 300)}${text.length > start + 300 ? "…" : ""}`;
};

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
