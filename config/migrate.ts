import { z } from "zod";
import { databaseUrl, logLevel } from "./shared";

/** `npm run db:migrate` (db/migrate.ts): the database to bring up to date. */
export const migrateEnv = z.object({ DATABASE_URL: databaseUrl, LOG_LEVEL: logLevel });

/** drizzle.config.ts: `db:generate` needs no server, so a local default will do. */
export const drizzleKitEnv = z.object({ DATABASE_URL: databaseUrl.default("postgres://postgres@127.0.0.1:5432/postgres") });
