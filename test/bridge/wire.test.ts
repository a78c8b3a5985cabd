import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, WireError } from '../../main/contract/bridge-wire.js';

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
    expect(() => decodeMessage(frame.subarray(0, 3))).toThrow(WireError);
    expect(() => decodeMessage(frame.subarray(0, frame.byteLength - 1))).toThrow(WireError);
    const lying = frame.slice();
    new DataView(lying.buffer).setUint32(0, 1e9, true);
    expect(() => decodeMessage(lying)).toThrow(WireError);
    const text = new TextEncoder().encode('{"m":{"type":"drop"},"b":[]}');
    const foreign = new Uint8Array(4 + text.byteLength);
    new DataView(foreign.buffer).setUint32(0, text.byteLength, true);
    foreign.set(text, 4);
    expect(() => decodeMessage(foreign)).toThrow(WireError);
    const missingBlob = new TextEncoder().encode('{"m":{"type":"call","id":1,"channel":"x","request":{"$binary":3}},"b":[]}');
    const frame2 = new Uint8Array(4 + missingBlob.byteLength);
    new DataView(frame2.buffer).setUint32(0, missingBlob.byteLength, true);
    frame2.set(missingBlob, 4);
    expect(() => decodeMessage(frame2)).toThrow(/blob 3 missing/);
  });
});
