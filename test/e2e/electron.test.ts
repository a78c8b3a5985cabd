/**
 * The end-to-end steps (support/steps.ts) in the desktop app itself, through Playwright's
 * Electron support, wherever Electron's binary is installed (a normal `npm install` fetches
 * it). Where it is not (offline machines, ELECTRON_SKIP_BINARY_DOWNLOAD=1) the leg is skipped
 * and says why; NILUT_REQUIRE_ELECTRON=1 (set by the GitHub workflow) turns that into a failure,
 * so a runner that lost its Electron cannot pass without running the app.
 */
import path from 'node:path';
import { describe, it } from 'vitest';
import { findElectron, startElectronStudio } from './support/electron.js';
import { firstRunSteps, studioSteps } from './support/steps.js';

const electron = findElectron();

if ('path' in electron) {
  const binary = electron.path;
  const start = (samples: boolean) => (tmp: string) => startElectronStudio(binary, path.join(tmp, 'library'), path.join(tmp, 'profile'), { samples });
  firstRunSteps('A first run of the desktop app (Electron)', start(true));
  studioSteps('NILUT Studio as the desktop app (Electron)', start(false));
} else if (process.env.NILUT_REQUIRE_ELECTRON === '1') {
  describe('NILUT Studio as the desktop app (Electron)', () => {
    it('has an Electron binary to run', () => {
      throw new Error(`NILUT_REQUIRE_ELECTRON=1 but ${electron.missing}`);
    });
  });
} else {
  console.log(`Skipping the desktop-app leg of the end-to-end tests: ${electron.missing}.`);
  describe.skip(`NILUT Studio as the desktop app (Electron): skipped, ${electron.missing}`, () => {
    it('runs the end-to-end steps in the desktop app', () => {});
  });
}
