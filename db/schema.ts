import { sql, type SQL } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  username: text("username").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  // Every session token carries the version it was issued at (claim `sv`);
  // "sign out everywhere" bumps it, so every older token stops working.
  sessionVersion: integer("session_version").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type User = typeof users.$inferSelect;

/*
 * Sessions signed out one by one (token claim `sid`). A row is needed only
 * while a token of that session could still be presented: until its latest
 * expiry, after which it is deleted (db/queries/sessions.ts).
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sid: uuid("sid").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("revoked_sessions_expires_idx").on(t.expiresAt)],
);
export type RevokedSession = typeof revokedSessions.$inferSelect;

export const rooms = pgTable(
  "rooms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["public", "private", "dm"] }).notNull(),
    ownerId: uuid("owner_id").references(() => users.id),
    // "<smaller user id>:<larger user id>" for a DM, so the pair has one room.
    dmKey: text("dm_key").unique(),
    // The room cursor: every change (create, edit, delete, reaction) takes the next one.
    lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("rooms_kind_check", sql`${t.kind} in ('public', 'private', 'dm')`),
    index("rooms_kind_idx").on(t.kind),
    // Room list: keyset pages of public rooms by name, WHERE kind = 'public' ORDER BY lower(name), id.
    index("rooms_public_name_idx").on(sql`lower(${t.name})`, t.id).where(sql`${t.kind} = 'public'`),
    // Rooms created per user are capped: count(*) WHERE owner_id = $1.
    index("rooms_owner_idx").on(t.ownerId),
  ],
);
export type Room = typeof rooms.$inferSelect;

export const memberships = pgTable(
  "memberships",
  {
    roomId: uuid("room_id").notNull().references(() => rooms.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "member"] }).notNull().default("member"),
    // Read marker: only ever moves forward.
    lastReadSeq: bigint("last_read_seq", { mode: "number" }).notNull().default(0),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);
export type Membership = typeof memberships.$inferSelect;

/** PostgreSQL's full-text document type (drizzle has no built-in one); read only inside SQL. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const messages = pgTable(
  "messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    roomId: uuid("room_id").notNull().references(() => rooms.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    // Room cursor of the latest change to this message (= seq until changed).
    versionSeq: bigint("version_seq", { mode: "number" }).notNull(),
    authorId: uuid("author_id").notNull().references(() => users.id),
    body: text("body").notNull(),
    clientMsgId: uuid("client_msg_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /*
     * Search (db/queries/search.ts): the body's words, kept by PostgreSQL on
     * every insert, edit and delete. NULL once deleted, so a deleted
     * message's text can never match. The `simple` configuration (lower-cased
     * words, no stemming, no stop words): chat is written in many languages
     * and full of names, usernames and code, which an English stemmer would
     * mangle and whose short words ("it", "go") it would drop; the query
     * matches word prefixes instead, so "deploy" still finds "deployed".
     */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL => sql`case when ${messages.deletedAt} is null then to_tsvector('simple', ${messages.body}) end`,
    ),
  },
  (t) => [
    // Keyset pages: WHERE room_id = $1 AND seq < $2 ORDER BY seq DESC.
    uniqueIndex("messages_room_seq_uq").on(t.roomId, t.seq),
    // Catch-up: WHERE room_id = $1 AND version_seq > $2 ORDER BY version_seq.
    uniqueIndex("messages_room_version_uq").on(t.roomId, t.versionSeq),
    // Idempotent sends: a resent clientMsgId finds the original.
    uniqueIndex("messages_author_client_msg_uq").on(t.authorId, t.clientMsgId),
    // Search: WHERE search_vector @@ $query.
    index("messages_search_idx").using("gin", t.searchVector),
  ],
);
export type MessageRow = typeof messages.$inferSelect;

export const reactions = pgTable(
  "reactions",
  {
    messageId: bigint("message_id", { mode: "number" })
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    emoji: text("emoji").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId, t.emoji] })],
);
export type Reaction = typeof reactions.$inferSelect;

/*
 * Counters of rate-limiter-flexible's RateLimiterDrizzle (sign-in failures,
 * sign-ups per address): in the database every web process already shares,
 * updated with one atomic INSERT ... ON CONFLICT DO UPDATE per attempt.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true }),
});
export type RateLimitRow = typeof rateLimits.$inferSelect;
