import { defineConfig } from "drizzle-kit";
import { loadDotEnv } from "./config/dotenv";
import { drizzleKitEnv } from "./config/migrate";
import { parseEnv } from "./config/parse-env";

loadDotEnv();

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: { url: parseEnv(drizzleKitEnv, process.env).DATABASE_URL },
});
