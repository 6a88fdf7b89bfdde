import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import postgres from "postgres";
import { migrateDatabase } from "../db/migrate";
import { appRole } from "../scripts/launch/app-role";
import {
  appPasswordFile,
  prepareEmbeddedServer,
  startEmbeddedDatabase,
  superuserPasswordFile,
  urlOf,
  type EmbeddedDatabase,
} from "../scripts/launch/embedded-db";
import { expectLeastPrivilege } from "./support/app-role-checks";
import { freePort } from "./support/ports";

/*
 * The launcher's embedded PostgreSQL on its own (a free port, a temporary
 * folder): an install made before passwords were generated moves to a
 * generated one, and the app's role reads and writes rows but changes nothing else.
 */
const port = await freePort();

test("an old install's fixed password is replaced; the app role reads and writes rows and nothing more", { timeout: 240_000 }, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chat-embedded-"));
  let database: EmbeddedDatabase | undefined;
  try {
    await makeLegacyInstall(dataDir);
    database = await startEmbeddedDatabase(dataDir, port);
    const password = readFileSync(path.join(dataDir, superuserPasswordFile), "utf8").trim();
    assert.ok(password.length >= 32);
    assert.equal(statSync(path.join(dataDir, superuserPasswordFile)).mode & 0o777, 0o600);
    assert.equal(database.ownerUrl, urlOf(port, "postgres", password, "chat"));
    await assert.rejects(selectOne(urlOf(port, "postgres", "chat-local", "postgres")), { code: "28P01" }, "the old password is gone");

    await migrateDatabase(database.ownerUrl);
    const appUrl = await database.prepareAppRole();
    const appPassword = readFileSync(path.join(dataDir, appPasswordFile), "utf8").trim();
    assert.equal(statSync(path.join(dataDir, appPasswordFile)).mode & 0o777, 0o600);
    assert.equal(appUrl, urlOf(port, appRole, appPassword, "chat"));
    await expectLeastPrivilege(appUrl);

    // A table a later migration adds (as the owner) is the app's to use too.
    await run(database.ownerUrl, "create table later_migration (id serial primary key, note text)");
    await run(appUrl, "insert into later_migration (note) values ('added later')");

    // The next start finds everything in place and gives the same URLs.
    await database.stop();
    database = await startEmbeddedDatabase(dataDir, port);
    assert.equal(await database.prepareAppRole(), appUrl);
    await selectOne(database.ownerUrl);
  } finally {
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** What `npm start` left before passwords were generated: superuser password "chat-local" sent in clear, no password file. */
async function makeLegacyInstall(dataDir: string): Promise<void> {
  const { server, serverUrl } = await prepareEmbeddedServer(dataDir, port);
  await server.start();
  try {
    await run(serverUrl, "alter role postgres password 'chat-local'");
  } finally {
    await server.stop();
  }
  const hba = path.join(dataDir, "pg", "pg_hba.conf");
  writeFileSync(hba, readFileSync(hba, "utf8").replaceAll("scram-sha-256", "password"));
  rmSync(path.join(dataDir, superuserPasswordFile));
}

async function run(url: string, statement: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}

const selectOne = (url: string) => run(url, "select 1");
