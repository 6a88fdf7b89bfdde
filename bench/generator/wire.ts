/*
 * Just enough RFC 6455 for a load generator: client text frames (masked with
 * an all-zero key, which makes masking a no-op: servers only require the mask
 * bit) and a reader that splits server frames without copying their payloads.
 * Cheaper than `ws`: no per-frame Buffer, event or UTF-8 decoding.
 */
export const Opcode = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

export function encodeFrame(payload: string | Buffer, opcode: number = Opcode.text): Buffer {
  const body = typeof payload === "string" ? Buffer.from(payload) : payload;
  const lengthBytes = body.length < 126 ? 0 : body.length < 65536 ? 2 : 8;
  const header = Buffer.alloc(2 + lengthBytes + 4); // the last 4: the zero mask key
  header[0] = 0x80 | opcode;
  if (lengthBytes === 0) header[1] = 0x80 | body.length;
  else if (lengthBytes === 2) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(body.length, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(body.length), 2);
  }
  return Buffer.concat([header, body]);
}

export type FrameHandler = (opcode: number, data: Buffer, start: number, end: number) => void;

/** Splits a byte stream into frames; a partial frame waits for the next chunk. */
export class FrameReader {
  private rest: Buffer | null = null;

  constructor(private onFrame: FrameHandler) {}

  feed(chunk: Buffer): void {
    const data = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let at = 0;
    while (data.length - at >= 2) {
      const opcode = data[at]! & 0x0f;
      let length = data[at + 1]! & 0x7f;
      let headerBytes = 2;
      if (length === 126) {
        if (data.length - at < 4) break;
        length = data.readUInt16BE(at + 2);
        headerBytes = 4;
      } else if (length === 127) {
        if (data.length - at < 10) break;
        length = Number(data.readBigUInt64BE(at + 2));
        headerBytes = 10;
      }
      if (data.length - at < headerBytes + length) break;
      this.onFrame(opcode, data, at + headerBytes, at + headerBytes + length);
      at += headerBytes + length;
    }
    this.rest = at < data.length ? data.subarray(at) : null;
  }
}
