/*
 * Names of a room's Redis channel and presence key. With one Redis they are
 * `<prefix>room:<id>` and `<prefix>presence:<id>` (as they always were, so a
 * rolling upgrade keeps hearing older sidecars). In a Redis Cluster the id is
 * a hash tag, `<prefix>room:{<id>}`: the room's channel and presence key hash
 * to one slot, so one shard carries all of a room's traffic and a multi-key
 * command on them never crosses slots. The id of a user's channel
 * (`user:<id>`, see fanout.ts) is tagged the same way.
 */
export type RedisNames = {
  channelOf(roomId: string): string;
  /** The room of one of our channels; null for anything else. */
  roomOf(channel: string): string | null;
  presenceKeyOf(roomId: string): string;
};

export function redisNames(keyPrefix: string, sharded: boolean): RedisNames {
  const [open, close] = sharded ? ["{", "}"] : ["", ""];
  const channelHead = `${keyPrefix}room:${open}`;
  return {
    channelOf: (roomId) => `${channelHead}${roomId}${close}`,
    roomOf: (channel) => {
      if (!channel.startsWith(channelHead) || !channel.endsWith(close)) return null;
      return channel.slice(channelHead.length, channel.length - close.length);
    },
    presenceKeyOf: (roomId) => `${keyPrefix}presence:${open}${roomId}${close}`,
  };
}
