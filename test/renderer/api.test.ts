import { describe, expect, it } from 'vitest';
import { ApiError, call, errorText, useApi } from '../../renderer/api.js';
import { FakeApi } from './fake-api.js';

describe('api', () => {
  it('returns the value of a successful call', async () => {
    useApi(
      new FakeApi().handle('settings.get', () => ({
        libraryDir: '/lib',
        outputFormat: 'jpeg',
        quality: 90,
        bits: null,
        nameTemplate: '{name}',
        workers: 2,
        thumbnailSize: 256,
        exportPresets: [],
      })),
    );
    expect((await call('settings.get', {})).quality).toBe(90);
  });

  it('throws a failed Result as an ApiError carrying its code, channel and issues', async () => {
    useApi(
      new FakeApi().fail('library.export', {
        code: 'invalid-request',
        message: 'Expected integer between 2 and 256 for size but received 300',
        issues: [{ path: 'size', message: 'too big' }],
      }),
    );
    const error = await call('library.export', { look: { kind: 'preset', presetId: 1 }, path: '/x.cube', size: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('invalid-request');
    expect((error as ApiError).channel).toBe('library.export');
    expect(errorText(error)).toBe('Expected integer between 2 and 256 for size but received 300 (size: too big)');
  });
});
