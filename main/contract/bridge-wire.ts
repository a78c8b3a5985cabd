/**
 * The bridge's wire format: one binary WebSocket frame per message, so binary data (preview
 * pixels, thumbnails, uploaded files) crosses as bytes, never base64.
 *
 *   u32 little-endian  length of the JSON part in bytes
 *   JSON (UTF-8)       { "m": message, "b": [length of blob 0, length of blob 1, ...] }
 *   blobs              concatenated
 *
 * Inside the message every Uint8Array is replaced by { "$binary": index }. Platform-neutral
 * (TextEncoder, DataView): the server and the renderer's bridge client share this file.
 */

export type BridgeMessage =
  | { readonly type: 'call'; readonly id: number; readonly channel: string; readonly request: unknown }
  | { readonly type: 'result'; readonly id: number; readonly result: unknown }
  | { readonly type: 'event'; readonly event: string; readonly payload: unknown };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isBinaryMarker(value: unknown): value is { $binary: number } {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 1 && typeof (value as { $binary?: unknown }).$binary === 'number';
}

/** A copy of `value` with every byte array (Buffer included) replaced by a marker. */
function extractBinary(value: unknown, blobs: Uint8Array[]): unknown {
  // Walked by hand rather than with a JSON.stringify replacer: Node's Buffer has a toJSON
  // that would run first and turn the bytes into a list of numbers.
  if (value instanceof Uint8Array) return { $binary: blobs.push(value) - 1 };
  if (value instanceof ArrayBuffer) return { $binary: blobs.push(new Uint8Array(value)) - 1 };
  if (Array.isArray(value)) return value.map((v) => extractBinary(v, blobs));
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = extractBinary(v, blobs);
    return copy;
  }
  return value;
}

export function encodeMessage(message: BridgeMessage): Uint8Array {
  const blobs: Uint8Array[] = [];
  const m = extractBinary(message, blobs);
  const head = encoder.encode(JSON.stringify({ m, b: blobs.map((b) => b.byteLength) }));
  const total = 4 + head.byteLength + blobs.reduce((n, b) => n + b.byteLength, 0);
  const frame = new Uint8Array(total);
  new DataView(frame.buffer).setUint32(0, head.byteLength, true);
  frame.set(head, 4);
  let offset = 4 + head.byteLength;
  for (const blob of blobs) {
    frame.set(blob, offset);
    offset += blob.byteLength;
  }
  return frame;
}

export class WireError extends Error {
  override readonly name = 'WireError';
}

export function decodeMessage(frame: Uint8Array): BridgeMessage {
  if (frame.byteLength < 4) throw new WireError('frame shorter than its header');
  const jsonLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0, true);
  if (4 + jsonLength > frame.byteLength) throw new WireError('frame shorter than its JSON part');
  let parsed: { m?: unknown; b?: unknown };
  try {
    parsed = JSON.parse(decoder.decode(frame.subarray(4, 4 + jsonLength))) as { m?: unknown; b?: unknown };
  } catch {
    throw new WireError('JSON part is not valid JSON');
  }
  const lengths = parsed.b;
  if (!Array.isArray(lengths) || !lengths.every((n) => Number.isInteger(n) && n >= 0)) throw new WireError('blob lengths missing');
  const blobs: Uint8Array[] = [];
  let offset = 4 + jsonLength;
  for (const length of lengths as number[]) {
    if (offset + length > frame.byteLength) throw new WireError('frame shorter than its blobs');
    // A copy, so a blob does not pin the whole frame (and is its own ArrayBuffer for transfer).
    blobs.push(frame.slice(offset, offset + length));
    offset += length;
  }
  const revive = (value: unknown): unknown => {
    if (isBinaryMarker(value)) {
      const blob = blobs[value.$binary];
      if (!blob) throw new WireError(`blob ${value.$binary} missing`);
      return blob;
    }
    if (Array.isArray(value)) return value.map(revive);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
    return value;
  };
  const message = revive(parsed.m) as BridgeMessage;
  if (typeof message !== 'object' || message === null || !['call', 'result', 'event'].includes((message as { type?: string }).type ?? ''))
    throw new WireError('not a bridge message');
  return message;
}
