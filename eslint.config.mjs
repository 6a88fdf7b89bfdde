import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "node_modules/**",
    ".data/**",
    "db/migrations/**",
    "test-results/**",
    "playwright-report/**",
    "bench/results/**",
  ]),
  {
    // House style: small files. A longer one says why at its top (`/* eslint-disable max-lines -- why */`).
    files: ["**/*.{ts,tsx,mjs}"],
    rules: { "max-lines": ["error", { max: 150 }] },
  },
]);
