import postgres from "postgres";
import type { Logger } from "pino";
import { roomNotice, roomNoticeChannel, type RoomNotice } from "../db/queries/room-notices";
import { revocationChannel, revocationNotice, type RevocationNotice } from "../db/queries/sessions";

type Options = {
  databaseUrl: string;
  log: Logger;
  onNotice: (notice: RevocationNotice) => void;
  /** A member removed or gone, a room renamed or deleted (db/queries/room-notices.ts). */
  onRoomNotice: (notice: RoomNotice) => void;
  /** Called each time the listener is (again) listening: notices sent meanwhile were lost. */
  onListening: () => void;
  retryMs?: number;
};

/**
 * LISTEN on the revocation and room-notice channels over a connection of its
 * own, kept open and re-opened (every retryMs) whenever it drops. Works with
 * one sidecar and no Redis, and with many sidecars sharing the database.
 */
export function startRevocationListener({ databaseUrl, log, onNotice, onRoomNotice, onListening, retryMs = 1000 }: Options) {
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const options: postgres.Options<Record<string, never>> & { onnotify: (channel: string, payload: string) => void } = {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: "chat-revocations" },
    onnotify: (channel, payload) => {
      if (channel === roomNoticeChannel) {
        const notice = roomNotice.safeParse(safeJson(payload));
        if (notice.success) onRoomNotice(notice.data);
        else log.warn({ payload }, "ignored a malformed room notice");
        return;
      }
      if (channel !== revocationChannel) return;
      const notice = revocationNotice.safeParse(safeJson(payload));
      if (notice.success) onNotice(notice.data);
      else log.warn({ payload }, "ignored a malformed revocation notice");
    },
    onclose: () => scheduleListen(),
  };
  // onnotify is the hook postgres.js's own listen() is built on; it is missing from its typings.
  const conn = postgres(databaseUrl, options);

  const listen = async () => {
    retry = undefined;
    if (stopped) return;
    try {
      await conn.unsafe(`listen ${revocationChannel}`);
      await conn.unsafe(`listen ${roomNoticeChannel}`);
      onListening();
    } catch (error) {
      log.warn({ err: error }, "revocation listener cannot listen; retrying");
      scheduleListen();
    }
  };
  function scheduleListen() {
    if (stopped || retry) return;
    retry = setTimeout(() => void listen(), retryMs);
    retry.unref();
  }

  void listen();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await conn.end({ timeout: 1 });
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
