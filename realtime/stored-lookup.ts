import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/*
 * Every send first asks "is this clientMsgId stored already?" (a resend must
 * get its original ack and cost nothing). Asked one query per send, that was
 * the sidecar's largest per-send cost in the fan-out profile (query building
 * plus a round trip). Here the questions of one event-loop turn share one
 * query, which joins a VALUES list on the (author_id, client_msg_id) unique
 * index. Same answers, same moment in the send path, far fewer queries.
 */
export type StoredRef = { roomId: string; id: number; seq: number };

type Question = { authorId: string; clientMsgId: string; resolve: (r: StoredRef | null) => void; reject: (e: unknown) => void };

/** Keys per query: keeps a burst's statement and its parameter list bounded. */
const maxKeysPerQuery = 256;

export class StoredLookup {
  private waiting: Question[] = [];
  private scheduled = false;

  constructor(private db: Db) {}

  find(authorId: string, clientMsgId: string): Promise<StoredRef | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ authorId, clientMsgId, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.waiting.length > 0) void this.ask(this.waiting.splice(0, maxKeysPerQuery));
  }

  private async ask(questions: Question[]): Promise<void> {
    try {
      const keys = sql.join(
        questions.map((q) => sql`(${q.authorId}::uuid, ${q.clientMsgId}::uuid)`),
        sql`, `,
      );
      const rows = (await this.db.execute(sql`
        select m.room_id, m.id, m.seq, m.author_id, m.client_msg_id
        from messages m join (values ${keys}) as k(author_id, client_msg_id)
          on m.author_id = k.author_id and m.client_msg_id = k.client_msg_id`)) as unknown as Row[];
      const found = new Map(rows.map((r) => [`${r.author_id}/${r.client_msg_id}`, r]));
      for (const q of questions) {
        const row = found.get(`${q.authorId}/${q.clientMsgId.toLowerCase()}`);
        q.resolve(row ? { roomId: row.room_id, id: Number(row.id), seq: Number(row.seq) } : null);
      }
    } catch (error) {
      for (const q of questions) q.reject(error);
    }
  }
}

type Row = { room_id: string; id: string | number; seq: string | number; author_id: string; client_msg_id: string };
