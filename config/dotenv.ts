/*
 * `.env` in the working folder, read the same way by every process at its
 * entry (launcher, web server, sidecar, migrate) with Node's own parser. A
 * missing file is fine; a variable already in the real environment wins over
 * the file (even a blank one, which then counts as unset).
 */
export function loadDotEnv(file = ".env"): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
