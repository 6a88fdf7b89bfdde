// Entry of `npm start` / `npm run dev`: plain JS so it runs before dependencies
// exist. Checks Node, installs packages on a fresh clone, then hands over to
// the TypeScript launcher.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const major = Number(process.versions.node.split(".")[0]);
if (major !== 20) {
  console.error(`Node.js 20 is required (found ${process.versions.node}): the uWebSockets.js build ships native binaries for Node 20. See .nvmrc.`);
  process.exit(1);
}

if (!existsSync("node_modules/tsx") || !existsSync("node_modules/next")) {
  console.log("Installing dependencies (first run)...");
  const install = spawnSync("npm", [existsSync("package-lock.json") ? "ci" : "install"], { stdio: "inherit" });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

// Forward stop signals: the launcher stops the web app, the sidecar and the database.
const launcher = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => launcher.kill(signal));
launcher.on("exit", (code) => process.exit(code ?? 1));
