import { cpSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/*
 * The deploy recipe (Dockerfile, compose.yaml) read the way Docker reads it,
 * for the tests that check what this machine cannot run: there is no
 * container engine here, so the image's commands are taken from these files
 * and run as plain processes on a copy of the image's file tree.
 */
export type Instruction = { keyword: string; args: string };
export type Stage = { name: string; from: string; instructions: Instruction[] };

/** The Dockerfile's stages in order, each with its instructions (continued lines joined, comments dropped). */
export function dockerStages(file = "Dockerfile"): Stage[] {
  const joined = readFileSync(file, "utf8").replace(/\\\n/g, " ");
  const stages: Stage[] = [];
  for (const line of joined.split("\n").map((l) => l.trim())) {
    if (line === "" || line.startsWith("#")) continue;
    const [keyword = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (keyword.toUpperCase() === "FROM") {
      const [from = "", , name = ""] = args.split(/\s+/);
      stages.push({ name, from, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** The final stage: what the image is. */
export const runtimeStage = (): Stage => dockerStages().at(-1)!;

/** The image's default command (its last CMD, exec form). */
export function imageCommand(stage = runtimeStage()): string[] {
  const cmd = stage.instructions.filter((i) => i.keyword === "CMD").at(-1);
  if (!cmd) throw new Error("the runtime stage has no CMD");
  return JSON.parse(cmd.args) as string[];
}

/** The image's ENV variables (KEY=value form). */
export function imageEnv(stage = runtimeStage()): Record<string, string> {
  const pairs = stage.instructions.filter((i) => i.keyword === "ENV").flatMap((i) => i.args.split(/\s+/));
  return Object.fromEntries(pairs.map((pair) => pair.split("=") as [string, string]));
}

/**
 * The runtime stage's file tree in `dir`, from its COPY lines: sources copied
 * from the checkout (the build stage's /app is the checkout plus its build),
 * except node_modules and .next, which are linked (the checkout's are the
 * build's; node_modules is a superset of the pruned one).
 */
export function materializeRuntime(dir: string, repo = process.cwd()): void {
  for (const copy of runtimeStage().instructions.filter((i) => i.keyword === "COPY")) {
    const words = copy.args.split(/\s+/).filter((word) => !word.startsWith("--"));
    const dest = path.join(dir, words.pop()!);
    for (const source of words.map((word) => word.replace(/^\/app\//, ""))) {
      const target = dest.endsWith("/") ? path.join(dest, path.basename(source)) : dest;
      mkdirSync(path.dirname(target), { recursive: true });
      if (source === "node_modules" || source === ".next") symlinkSync(path.join(repo, source), target);
      else cpSync(path.join(repo, source), target, { recursive: true });
    }
  }
}

export type ComposeService = {
  image?: string;
  build?: unknown;
  command?: string[];
  restart?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
};

/** compose.yaml's services, with its `<<:` merges applied. */
export function composeServices(file = "compose.yaml"): Record<string, ComposeService> {
  return (parse(readFileSync(file, "utf8"), { merge: true }) as { services: Record<string, ComposeService> }).services;
}

/** Compose's ${NAME}, ${NAME:-default} and ${NAME:?error} filled from `vars`. */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg = "") => {
    const set = vars[name];
    if (set) return set;
    if (op === "-") return arg;
    throw new Error(`${name} is not set: ${arg}`);
  });
}

/** A service's environment as its container gets it. */
export function serviceEnv(service: ComposeService, vars: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value), vars)]));
}
