import { exitOnConfigError } from "../config/parse-env";
import { getEnv } from "./env";

/** Stop the web server at boot on a bad environment value, naming the variable. */
export function checkEnvAtBoot(): void {
  exitOnConfigError(getEnv);
}
