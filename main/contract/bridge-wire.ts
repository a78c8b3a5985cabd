/**
 * The bridge's wire format: one binary WebSocket frame per message, so binary data (preview
 * pixels, thumbnails, uploaded files) crosses as bytes, never base64.
 *
 *   u32 little-endian        length of the JSON part in bytes
 *   u32 little-endian        number of blobs
 *   u32 little-endian each   length of each blob
 *   JSON (UTF-8)             the message
 *   blobs                    concatenated, filling the rest of the frame exactly
 *
 * Inside the message every Uint8Array is replaced by { "$binary": index }. The sizes come
 * before the JSON so a frame is measured (blob count, JSON length, total) before anything in
 * it is parsed or allocated. Platform-neutral (TextEncoder, DataView): the server and the
 * renderer's bridge client share this file.
 */
import { LIMITS } from './limits.js';

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
  // fromEntries defines own properties, as the decoder does: assigning copy[k] would turn a
  // key named "__proto__" into a prototype (and the key would be lost on the wire).
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, extractBinary(v, blobs)]));
  return value;
}

export function encodeMessage(message: BridgeMessage): Uint8Array {
  const blobs: Uint8Array[] = [];
  const json = encoder.encode(JSON.stringify(extractBinary(message, blobs)));
  const head = 8 + 4 * blobs.length;
  const frame = new Uint8Array(head + json.byteLength + blobs.reduce((n, b) => n + b.byteLength, 0));
  const view = new DataView(frame.buffer);
  view.setUint32(0, json.byteLength, true);
  view.setUint32(4, blobs.length, true);
  blobs.forEach((blob, i) => view.setUint32(8 + 4 * i, blob.byteLength, true));
  frame.set(json, head);
  let offset = head + json.byteLength;
  for (const blob of blobs) {
    frame.set(blob, offset);
    offset += blob.byteLength;
  }
  return frame;
}

export class WireError extends Error {
  override readonly name = 'WireError';
}

/** What one frame may hold; the defaults are the contract's (limits.ts). */
export interface WireLimits {
  readonly maxJsonBytes: number;
  readonly maxBlobs: number;
}

const CONTRACT_LIMITS: WireLimits = { maxJsonBytes: LIMITS.maxMessageJsonBytes, maxBlobs: LIMITS.maxMessageBlobs };

/**
 * The message a frame holds. Its blobs are views of the frame, not copies (an upload of
 * 500 MB stays 500 MB). Every size is checked against the frame and the limits before the
 * JSON is decoded.
 */
export function decodeMessage(frame: Uint8Array, limits: WireLimits = CONTRACT_LIMITS): BridgeMessage {
  if (frame.byteLength < 8) throw new WireError('frame shorter than its header');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const jsonLength = view.getUint32(0, true);
  const blobCount = view.getUint32(4, true);
  if (blobCount > limits.maxBlobs) throw new WireError(`frame declares ${blobCount} blobs, more than the ${limits.maxBlobs} a message may hold`);
  if (jsonLength > limits.maxJsonBytes)
    throw new WireError(`frame declares ${jsonLength} bytes of JSON, more than the ${limits.maxJsonBytes} a message may hold`);
  const head = 8 + 4 * blobCount;
  if (head > frame.byteLength) throw new WireError('frame shorter than its blob table');
  let expected = head + jsonLength;
  for (let i = 0; i < blobCount; i++) expected += view.getUint32(8 + 4 * i, true);
  if (expected !== frame.byteLength) throw new WireError(`frame holds ${frame.byteLength} bytes where its header declares ${expected}`);

  const blobs: Uint8Array[] = [];
  let offset = head + jsonLength;
  for (let i = 0; i < blobCount; i++) {
    const length = view.getUint32(8 + 4 * i, true);
    blobs.push(frame.subarray(offset, offset + length));
    offset += length;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(frame.subarray(head, head + jsonLength)));
  } catch {
    throw new WireError('JSON part is not valid JSON');
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
  let message: BridgeMessage;
  try {
    message = revive(parsed) as BridgeMessage;
  } catch (error) {
    // JSON nested deeper than the stack: not a message any sender of ours writes.
    if (error instanceof RangeError) throw new WireError('JSON part is nested too deeply');
    throw error;
  }
  if (typeof message !== 'object' || message === null || !['call', 'result', 'event'].includes((message as { type?: string }).type ?? ''))
    throw new WireError('not a bridge message');
  return message;
}
