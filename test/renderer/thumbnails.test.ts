import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../main/contract/schemas.js';
import { LIMITS } from '../../main/contract/limits.js';
import { useApi } from '../../renderer/api.js';
import { thumbnailEdgeFor } from '../../renderer/lib/card-size.js';
import { THUMBNAILS_PER_CALL, thumbnails } from '../../renderer/stores/thumbnails.svelte.js';
import { FakeApi } from './fake-api.js';

describe('thumbnails', () => {
  it('asks for a large library in batches the contract accepts, each preset once', async () => {
    const api = new FakeApi().handle('preview.thumbnails', ({ presetIds }) =>
      presetIds.map((presetId) => ({ presetId, jpeg: null, error: 'none', cached: false })),
    );
    useApi(api);
    const ids = Array.from({ length: 2 * LIMITS.maxThumbnailsPerCall + 7 }, (_, i) => i + 1);
    await thumbnails.ensure('photo-hash', ids);
    await thumbnails.ensure('photo-hash', ids);
    const calls = api.callsOf('preview.thumbnails');
    for (const call of calls) {
      expect(call.presetIds.length).toBeLessThanOrEqual(THUMBNAILS_PER_CALL);
      // What main's schema makes of each request: no call is refused for its size.
      expect(requestSchemas['preview.thumbnails'].safeParse(call).success).toBe(true);
    }
    expect(calls.flatMap((c) => c.presetIds)).toEqual(ids);
    expect(thumbnails.entries.size).toBe(ids.length);
  });

  it('asks again at a larger size, showing the old thumbnail until the sharper one replaces it', async () => {
    let n = 0;
    const api = new FakeApi().handle('preview.thumbnails', ({ presetIds, size }) =>
      presetIds.map((presetId) => ({ presetId, jpeg: new Uint8Array([(size ?? 0) % 256, n++]), error: null, cached: false })),
    );
    useApi(api);
    await thumbnails.ensure('photo-b', [1, 2], 256);
    const small = thumbnails.entries.get(1)!.url;
    const resized = thumbnails.ensure('photo-b', [1, 2], 512);
    expect(thumbnails.entries.get(1)!.url).toBe(small);
    await resized;
    expect(thumbnails.entries.get(1)!.url).not.toBe(small);
    await thumbnails.ensure('photo-b', [1, 2], 512);
    expect(api.callsOf('preview.thumbnails')).toEqual([
      { presetIds: [1, 2], size: 256 },
      { presetIds: [1, 2], size: 512 },
    ]);
  });

  it('picks 256, 512 or 1024 px thumbnails for a card on this screen', () => {
    expect([thumbnailEdgeFor(200, 1), thumbnailEdgeFor(200, 2), thumbnailEdgeFor(480, 1), thumbnailEdgeFor(480, 2)]).toEqual([256, 512, 512, 1024]);
    // The Settings' thumbnail size is the least made: 512 there gives 512 px thumbnails for small cards.
    expect([thumbnailEdgeFor(200, 1, 512), thumbnailEdgeFor(200, 1, 300), thumbnailEdgeFor(480, 2, 512)]).toEqual([512, 512, 1024]);
  });
});
