import { getEnv } from "./env";

/** Stop the web server at boot on a bad environment value, naming the variable. */
export function checkEnvAtBoot(): void {
  try {
    getEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
