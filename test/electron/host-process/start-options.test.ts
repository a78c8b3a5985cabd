import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostStartOptions, libraryDirFromSettings } from '../../../main/electron/host-process/start-options.js';

describe('library location', () => {
  const data = path.resolve('/home/me/.config/NILUT Studio');
  const chosen = path.resolve('/photos/library');

  it('keeps settings in the user-data folder and grants nothing up front', () => {
    const options = hostStartOptions(data, () => null, {});
    expect(options.settingsFile).toBe(path.join(data, 'settings.json'));
    expect(options.allowedRoots).toEqual([]);
  });

  it('opens the library chosen in Settings', () => {
    expect(hostStartOptions(data, () => JSON.stringify({ libraryDir: chosen }), {}).libraryDir).toBe(chosen);
  });

  it('lets NILUT_LIBRARY override Settings for one launch', () => {
    const override = path.resolve('/tmp/other');
    expect(hostStartOptions(data, () => JSON.stringify({ libraryDir: chosen }), { NILUT_LIBRARY: override }).libraryDir).toBe(override);
  });

  it('ignores an unreadable settings file or a relative library path', () => {
    expect(libraryDirFromSettings('{not json')).toBeNull();
    expect(libraryDirFromSettings('null')).toBeNull();
    expect(libraryDirFromSettings(JSON.stringify({ libraryDir: 'relative' }))).toBeNull();
    expect(libraryDirFromSettings(JSON.stringify({ libraryDir: 3 }))).toBeNull();
    expect(hostStartOptions(data, () => '{not json', { XDG_CONFIG_HOME: path.resolve('/cfg') }).libraryDir).toMatch(/library$/);
  });
});

describe('launch switches', () => {
  const data = path.resolve('/home/me/.config/NILUT Studio');

  it('adds samples and runs background jobs unless told not to, as nilut studio does', () => {
    const plain = hostStartOptions(data, () => null, {}, ['electron', '.']);
    expect(plain).toMatchObject({ samples: true, backgroundJobs: true });
    const quiet = hostStartOptions(data, () => null, {}, ['electron', '.', '--no-samples', '--no-background-jobs']);
    expect(quiet).toMatchObject({ samples: false, backgroundJobs: false });
  });

  it('keeps the library in the user-data folder this launch uses', () => {
    const other = path.resolve('/tmp/profile');
    expect(hostStartOptions(other, () => null, {}, []).libraryDir).toBe(path.join(other, 'library'));
  });
});
