import postgres from "postgres";
import { testServerUrl } from "../../test/db";
import { stopPid } from "../../test/support/processes";
import { readState } from "./state";

/** Stop what the setup started (by pid) and drop its database. */
export default async function globalTeardown(): Promise<void> {
  const state = readState();
  await Promise.all([state.webPid, state.sidecarPid].map((pid) => stopPid(pid)));
  const name = new URL(state.databaseUrl).pathname.slice(1);
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
