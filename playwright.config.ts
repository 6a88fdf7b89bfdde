import { defineConfig } from "@playwright/test";
import { e2ePorts } from "./e2e/stack/ports";

/*
 * End-to-end tests drive Debian's Chromium (Playwright's own browser download
 * cannot run here) against a real Next.js server, a real uWS sidecar and a
 * real PostgreSQL database, all started by the global setup.
 */
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/stack/global-setup.ts",
  globalTeardown: "./e2e/stack/global-teardown.ts",
  // The sidecar-restart test changes shared processes: run files one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${e2ePorts.web}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
    trace: "retain-on-failure",
  },
});
