import postgres from "postgres";
import { testServerUrl } from "../../test/db";
import { isAlive, readState, waitForExit } from "./processes";

/** Stop what the setup started (by pid) and drop its database. */
export default async function globalTeardown(): Promise<void> {
  const state = readState();
  for (const pid of [state.webPid, state.sidecarPid]) {
    if (isAlive(pid)) process.kill(pid, "SIGTERM");
  }
  await Promise.all([state.webPid, state.sidecarPid].map((pid) => waitForExit(pid).catch(() => process.kill(pid, "SIGKILL"))));
  const name = new URL(state.databaseUrl).pathname.slice(1);
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
