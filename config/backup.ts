import { z } from "zod";
import { databaseUrl, dataDir, embeddedPgPort } from "./shared";

/* `npm run db:backup` / `db:restore` (scripts/db-backup.ts): DATABASE_URL, or unset the embedded database `npm start` runs. */
export const backupEnv = z.object({
  DATABASE_URL: databaseUrl.optional(),
  EMBEDDED_PG_PORT: embeddedPgPort,
  DATA_DIR: dataDir,
});
