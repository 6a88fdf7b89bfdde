import { defineConfig } from "@playwright/test";
import baseConfig from "./playwright.config";
import { clusterPorts } from "./e2e/cluster/stack";

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
  use: { ...baseConfig.use, baseURL: `http://127.0.0.1:${clusterPorts.web}` },
});
