import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../main/contract/schemas.js';
import { LIMITS } from '../../main/contract/limits.js';
import { useApi } from '../../renderer/api.js';
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
});
