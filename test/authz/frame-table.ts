import type { Row } from "./http-table";
import type { Target } from "./world";

/*
 * Every client frame, per contract.md's realtime table: a public room is
 * open to every signed-in user (subscribing or sending joins it), a private
 * room or DM answers not_found to anyone outside it; only the author edits;
 * the author or the room owner deletes. "none" means no reply at all (typing
 * and read answer nothing when they succeed). An anonymous client never gets
 * a socket: its upgrade is refused with HTTP 401. Actor order as in the
 * HTTP table: [anonymous, nonMember, member, author, owner].
 */
export type FrameCase = {
  name: string;
  frame: (target: Target, ids: { clientMsgId: string; reqId: string }) => object;
  expect: { public: Row; private: Row; dm: Row };
  /** Whether a non-member is in the public room afterwards; undefined where the contract is silent. */
  joinsPublic?: boolean;
};

const refused = "upgrade 401";

type Build = FrameCase["frame"];
const byType: Record<"edit" | "delete" | "react", Build> = {
  edit: (t, { reqId }) => ({ type: "edit", room: t.roomId, id: t.messageId, body: "edited", reqId }),
  delete: (t, { reqId }) => ({ type: "delete", room: t.roomId, id: t.messageId, reqId }),
  react: (t, { reqId }) => ({ type: "react", room: t.roomId, id: t.messageId, emoji: "👍", on: true, reqId }),
};
const notFound = "error not_found";
const forbidden = "error forbidden";

export const frameCases: FrameCase[] = [
  {
    name: "subscribe",
    frame: (t) => ({ type: "subscribe", room: t.roomId }),
    expect: {
      public: [refused, "subscribed", "subscribed", "subscribed", "subscribed"],
      private: [refused, notFound, "subscribed", "subscribed", "subscribed"],
      dm: [refused, notFound, "subscribed", "subscribed", null],
    },
    joinsPublic: true,
  },
  {
    // Leaving a room one is not in is a no-op, the same whether the room exists or not.
    name: "unsubscribe",
    frame: (t) => ({ type: "unsubscribe", room: t.roomId }),
    expect: {
      public: [refused, "unsubscribed", "unsubscribed", "unsubscribed", "unsubscribed"],
      private: [refused, "unsubscribed", "unsubscribed", "unsubscribed", "unsubscribed"],
      dm: [refused, "unsubscribed", "unsubscribed", "unsubscribed", null],
    },
    joinsPublic: false,
  },
  {
    name: "send",
    frame: (t, { clientMsgId }) => ({ type: "send", room: t.roomId, clientMsgId, body: "hello" }),
    expect: {
      public: [refused, "ack", "ack", "ack", "ack"],
      private: [refused, notFound, "ack", "ack", "ack"],
      dm: [refused, notFound, "ack", "ack", null],
    },
    joinsPublic: true,
  },
  {
    name: "edit",
    frame: byType.edit,
    expect: {
      public: [refused, forbidden, forbidden, "ack", forbidden],
      private: [refused, notFound, forbidden, "ack", forbidden],
      dm: [refused, notFound, forbidden, "ack", null],
    },
    joinsPublic: false,
  },
  {
    name: "delete",
    frame: byType.delete,
    expect: {
      public: [refused, forbidden, forbidden, "ack", "ack"],
      private: [refused, notFound, forbidden, "ack", "ack"],
      dm: [refused, notFound, forbidden, "ack", null],
    },
    joinsPublic: false,
  },
  {
    name: "react",
    frame: byType.react,
    expect: {
      public: [refused, "ack", "ack", "ack", "ack"],
      private: [refused, notFound, "ack", "ack", "ack"],
      dm: [refused, notFound, "ack", "ack", null],
    },
  },
  // Naming a room one may use and a message of another room: nothing happens, as for a message that does not exist.
  ...(["edit", "delete", "react"] as const).map((type) => ({
    name: `${type} (message of another room)`,
    frame: (t: Target, ids: Parameters<Build>[1]) => byType[type]({ ...t, messageId: t.foreignMessageId }, ids),
    expect: {
      public: [refused, notFound, notFound, notFound, notFound] as Row,
      private: [refused, notFound, notFound, notFound, notFound] as Row,
      dm: [refused, notFound, notFound, notFound, null] as Row,
    },
    joinsPublic: false,
  })),
  {
    name: "typing",
    frame: (t) => ({ type: "typing", room: t.roomId }),
    expect: {
      public: [refused, "none", "none", "none", "none"],
      private: [refused, notFound, "none", "none", "none"],
      dm: [refused, notFound, "none", "none", null],
    },
  },
  {
    name: "read",
    frame: (t) => ({ type: "read", room: t.roomId, seq: 1 }),
    expect: {
      public: [refused, "none", "none", "none", "none"],
      private: [refused, notFound, "none", "none", "none"],
      dm: [refused, notFound, "none", "none", null],
    },
  },
];
