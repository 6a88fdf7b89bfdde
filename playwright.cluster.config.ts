import { defineConfig } from "@playwright/test";
import baseConfig from "./playwright.config";

/*
 * The cluster case: the same browser, against the built web app, two sidecars
 * behind HAProxy and a private Redis, all started by e2e/cluster/global-setup.ts.
 * Its specs are named *.cluster.ts so the single-sidecar run never picks them up.
 */
export default defineConfig({
  ...baseConfig,
  testDir: "e2e/cluster",
  testMatch: "*.cluster.ts",
  globalSetup: "./e2e/cluster/global-setup.ts",
  globalTeardown: undefined,
});
