import uWS from "uWebSockets.js";

/** Node ABI versions the npm uWS build ships native binaries for (Node 16, 18, 20). */
const supportedAbis = new Set(["93", "108", "115"]);

/**
 * The npm build of uWS silently falls back to a JS shim when its native binary
 * does not load (wrong Node version), and the shim breaks custom upgrade
 * handlers. Refuse to start instead, saying why.
 */
export function assertNativeUws(): void {
  const abi = process.versions.modules;
  const native =
    typeof uWS.App === "function" && typeof uWS.getParts === "function" && typeof exclusivePortOption() === "number";
  if (!supportedAbis.has(abi) || !native) {
    throw new Error(
      `uWebSockets.js native binary did not load (Node ${process.version}, ABI ${abi}). ` +
        "The sidecar needs Node 20 (see .nvmrc); it will not run on the JS fallback.",
    );
  }
}

/** uWS.LIBUS_LISTEN_EXCLUSIVE_PORT: exported by the binary, missing from its typings. */
export function exclusivePortOption(): number | undefined {
  return (uWS as unknown as { LIBUS_LISTEN_EXCLUSIVE_PORT?: number }).LIBUS_LISTEN_EXCLUSIVE_PORT;
}
