import { describe, expect, it } from 'vitest';
import { Correlator, isFromHost, isToHost } from '../../../main/electron/host-process/protocol.js';

describe('Correlator', () => {
  it('settles each call with its own answer, in any order', async () => {
    const calls = new Correlator();
    const a = calls.open('library.list');
    const b = calls.open('app.info');
    expect(a.id).not.toBe(b.id);
    expect(calls.waiting).toBe(2);
    expect(calls.settle(b.id, { ok: true, value: 'b' })).toBe(true);
    expect(calls.settle(a.id, { ok: true, value: 'a' })).toBe(true);
    expect(await a.answer).toEqual({ ok: true, value: 'a' });
    expect(await b.answer).toEqual({ ok: true, value: 'b' });
    expect(calls.waiting).toBe(0);
  });

  it('ignores late, duplicate and unknown answers', async () => {
    const calls = new Correlator();
    const a = calls.open('app.info');
    expect(calls.settle(a.id + 100, { ok: true, value: 'x' })).toBe(false);
    expect(calls.settle(a.id, { ok: true, value: 'first' })).toBe(true);
    expect(calls.settle(a.id, { ok: true, value: 'second' })).toBe(false);
    expect(await a.answer).toEqual({ ok: true, value: 'first' });
  });

  it('fails every waiting call with an error naming its channel', async () => {
    const calls = new Correlator();
    const a = calls.open('preview.render');
    const b = calls.open('library.import');
    expect(calls.failAll((channel) => ({ code: 'failed', message: `lost ${channel}` }))).toBe(2);
    expect(await a.answer).toEqual({ ok: false, error: { code: 'failed', message: 'lost preview.render' } });
    expect(await b.answer).toEqual({ ok: false, error: { code: 'failed', message: 'lost library.import' } });
    expect(calls.waiting).toBe(0);
    expect(calls.failAll(() => ({ code: 'failed', message: '' }))).toBe(0);
  });

  it('never reuses an id', () => {
    const calls = new Correlator();
    const ids = new Set(Array.from({ length: 1000 }, () => calls.open('app.info').id));
    expect(ids.size).toBe(1000);
  });
});

describe('message guards', () => {
  it('tell the two directions apart and drop anything foreign', () => {
    expect(isToHost({ kind: 'call', id: 1, channel: 'app.info', request: {} })).toBe(true);
    expect(isToHost({ kind: 'result', id: 1, result: { ok: true, value: 1 } })).toBe(false);
    expect(isFromHost({ kind: 'result', id: 1, result: { ok: true, value: 1 } })).toBe(true);
    expect(isFromHost({ kind: 'event', name: 'library.changed', payload: {} })).toBe(true);
    for (const junk of [null, undefined, 1, 'call', [], {}, { kind: 'nope' }]) {
      expect(isToHost(junk)).toBe(false);
      expect(isFromHost(junk)).toBe(false);
    }
  });
});
