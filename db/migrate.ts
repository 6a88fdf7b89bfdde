import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { loadDotEnv } from "../config/dotenv";
import { migrateEnv } from "../config/migrate";
import { exitOnConfigError, parseEnv } from "../config/parse-env";
import { createLogger } from "../lib/log/create-logger";
import { createDb } from "./client";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Apply every pending drizzle-kit migration. Safe to run on every start. */
export async function migrateDatabase(url: string): Promise<void> {
  const { db, sql } = createDb(url, { max: 1 });
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await sql.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  loadDotEnv();
  const { DATABASE_URL, LOG_LEVEL } = exitOnConfigError(() => parseEnv(migrateEnv, process.env));
  const log = createLogger({ name: "migrate", level: LOG_LEVEL });
  try {
    await migrateDatabase(DATABASE_URL);
  } catch (error) {
    log.fatal({ err: error }, "migrations failed");
    process.exit(1);
  }
  log.info("migrations applied");
}
