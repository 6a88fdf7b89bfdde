import { defineConfig } from "@playwright/test";

/*
 * End-to-end tests drive Debian's Chromium (Playwright's own browser download
 * cannot run here) against a real Next.js server, a real uWS sidecar and a
 * real PostgreSQL database, all started by the global setup on free ports.
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
    // Set by the global setup; workers inherit it and load this file again (e2e/stack/state.ts).
    baseURL: process.env.E2E_BASE_URL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
    trace: "retain-on-failure",
  },
});
