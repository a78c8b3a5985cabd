import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeMessage, encodeMessage, WireError } from '../../main/contract/bridge-wire.js';
import { LIMITS } from '../../main/contract/limits.js';

describe('bridge wire format', () => {
  it('carries nested binary data as bytes, not text', () => {
    const pixels = new Uint8Array(1_000_000).map((_, i) => i % 251);
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff]);
    const message = {
      type: 'result' as const,
      id: 7,
      result: {
        ok: true,
        value: [
          { presetId: 1, jpeg, error: null },
          { pixels, width: 1000, height: 250, label: 'ü ✓' },
        ],
      },
    };
    const frame = encodeMessage(message);
    // One million pixel bytes cost one million bytes plus a small JSON head.
    expect(frame.byteLength).toBeLessThan(pixels.byteLength + jpeg.byteLength + 300);
    const decoded = decodeMessage(frame) as typeof message;
    const value = (decoded.result as unknown as { value: [{ jpeg: Uint8Array; error: null }, { pixels: Uint8Array; width: number; label: string }] }).value;
    expect(value[1].pixels).toBeInstanceOf(Uint8Array);
    expect(Buffer.compare(value[1].pixels, pixels)).toBe(0);
    expect([...value[0].jpeg]).toEqual([...jpeg]);
    expect([value[0].error, value[1].width, value[1].label]).toEqual([null, 1000, 'ü ✓']);
  });

  it('sends a Node Buffer as bytes too (Buffer.toJSON must not turn it into numbers)', () => {
    const bytes = Buffer.from('JPEG bytes');
    const frame = encodeMessage({ type: 'event', event: 'x', payload: { bytes } });
    expect(frame.byteLength).toBeLessThan(100);
    const payload = (decodeMessage(frame) as { payload: { bytes: Uint8Array } }).payload;
    expect(Buffer.from(payload.bytes).toString()).toBe('JPEG bytes');
  });

  it('refuses truncated, lying or foreign frames with a WireError', () => {
    const frame = encodeMessage({ type: 'call', id: 1, channel: 'photos.openBytes', request: { name: 'a.jpg', bytes: new Uint8Array(100) } });
    expect(() => decodeMessage(frame.subarray(0, 7))).toThrow(WireError);
    expect(() => decodeMessage(frame.subarray(0, frame.byteLength - 1))).toThrow(/holds \d+ bytes where its header declares/);
    const longer = new Uint8Array(frame.byteLength + 1);
    longer.set(frame);
    expect(() => decodeMessage(longer)).toThrow(WireError);
    const lying = frame.slice();
    new DataView(lying.buffer).setUint32(0, 1e6, true);
    expect(() => decodeMessage(lying)).toThrow(WireError);
    expect(() => decodeMessage(handMade('{"type":"drop"}'))).toThrow(/not a bridge message/);
    expect(() => decodeMessage(handMade('{"type":"call","id":1,"channel":"x","request":{"$binary":3}}'))).toThrow(/blob 3 missing/);
    expect(() => decodeMessage(handMade('{"type":'))).toThrow(/not valid JSON/);
  });

  it('refuses a frame declaring more blobs or JSON than a message may hold from its header, before parsing', () => {
    // The frame listed 10 M blob references in 20 MB of JSON (2.4 GB on the server).
    const manyBlobs = new Uint8Array(8);
    new DataView(manyBlobs.buffer).setUint32(4, 10_000_000, true);
    expect(() => decodeMessage(manyBlobs)).toThrow(`frame declares 10000000 blobs, more than the ${LIMITS.maxMessageBlobs} a message may hold`);
    const bigJson = new Uint8Array(8);
    new DataView(bigJson.buffer).setUint32(0, 0xffff_ffff, true);
    expect(() => decodeMessage(bigJson)).toThrow(/4294967295 bytes of JSON, more than/);
    const atLimit = encodeMessage({ type: 'event', event: 'x', payload: Array.from({ length: LIMITS.maxMessageBlobs }, () => new Uint8Array(1)) });
    expect((decodeMessage(atLimit) as { payload: Uint8Array[] }).payload).toHaveLength(LIMITS.maxMessageBlobs);
    const over = encodeMessage({ type: 'event', event: 'x', payload: Array.from({ length: LIMITS.maxMessageBlobs + 1 }, () => new Uint8Array(1)) });
    expect(() => decodeMessage(over)).toThrow(WireError);
    expect(() => decodeMessage(encodeMessage({ type: 'event', event: 'x', payload: 'y'.repeat(2000) }), { maxJsonBytes: 1000, maxBlobs: 1 })).toThrow(
      /bytes of JSON/,
    );
  });

  it('hands blobs over as views of the frame, not copies', () => {
    const bytes = new Uint8Array(1 << 20).fill(7);
    const frame = encodeMessage({ type: 'call', id: 2, channel: 'photos.openBytes', request: { name: 'a.jpg', bytes } });
    const decoded = (decodeMessage(frame) as { request: { bytes: Uint8Array } }).request.bytes;
    expect(decoded.buffer).toBe(frame.buffer);
    expect(decoded.byteLength).toBe(bytes.byteLength);
  });

  it('refuses JSON nested deeper than the stack with a WireError', () => {
    const depth = 200_000;
    expect(() => decodeMessage(handMade(`{"type":"event","event":"x","payload":${'['.repeat(depth)}${']'.repeat(depth)}}`))).toThrow(/nested too deeply/);
  });

  it('round-trips any message, and any bytes decode to a message or a WireError (property)', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const withBlobs = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        json,
        fc.uint8Array({ maxLength: 64 }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.string(), withBlobs, (id, channel, request) => {
        const message = { type: 'call' as const, id, channel, request };
        expect(decodeMessage(encodeMessage(message))).toEqual(normalise(message));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        try {
          decodeMessage(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(WireError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/** A frame without blobs whose JSON part is `json`, as a hostile sender would write it. */
function handMade(json: string): Uint8Array {
  const text = new TextEncoder().encode(json);
  const frame = new Uint8Array(8 + text.byteLength);
  new DataView(frame.buffer).setUint32(0, text.byteLength, true);
  frame.set(text, 8);
  return frame;
}

/** What JSON makes of a value (-0 becomes 0, undefined keys vanish), byte arrays kept. */
function normalise(value: unknown): unknown {
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, normalise(v)]),
    );
  return Object.is(value, -0) ? 0 : value;
}
