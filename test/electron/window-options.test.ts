import { describe, expect, it } from 'vitest';
import { BACKGROUND_COLOUR, windowOptions } from '../../main/electron/main/window-options.js';

describe('windowOptions', () => {
  const options = windowOptions('/app/dist/preload/preload.cjs', '/app/resources/icon.png', 'linux');
  const web = options.webPreferences ?? {};

  it('isolates the renderer: context isolation, sandbox, no Node anywhere', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky extras off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads the given preload', () => {
    expect(web.preload).toBe('/app/dist/preload/preload.cjs');
  });

  it('paints a dark background and stays hidden until the first frame', () => {
    expect(options.backgroundColor).toBe(BACKGROUND_COLOUR);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(BACKGROUND_COLOUR.slice(i, i + 2), 16));
    expect(Math.max(r, g, b)).toBeLessThan(64);
    expect(options.show).toBe(false);
  });

  it('has a usable minimum size and the product name as title', () => {
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
    expect(options.title).toBe('NILUT Studio');
  });

  it('sets the window icon on Linux only (macOS and Windows use the packaged icon)', () => {
    expect(options.icon).toBe('/app/resources/icon.png');
    expect(windowOptions('/p.cjs', '/i.png', 'darwin').icon).toBeUndefined();
    expect(windowOptions('/p.cjs', '/i.png', 'win32').icon).toBeUndefined();
  });

  it('keeps the security flags on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const prefs = windowOptions('/p.cjs', undefined, platform).webPreferences ?? {};
      expect([prefs.contextIsolation, prefs.sandbox, prefs.nodeIntegration, prefs.webSecurity]).toEqual([true, true, false, true]);
    }
  });
});
