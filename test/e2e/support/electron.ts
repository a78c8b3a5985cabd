/**
 * The desktop shell for the end-to-end steps: the real Electron app (dist/main/electron/main/app.js,
 * the same entry `npm start` runs) launched by Playwright's Electron support on a throwaway
 * profile and library. Native file dialogs cannot be clicked by a test, so the one dialog a
 * step opens is answered in the main process (dialog.showOpenDialog / showSaveDialog return
 * the step's path); everything after that — the grant, the host, the library — is the
 * app's own code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { REPO, stopWithin, watchForErrors, type StartOptions, type Studio } from './studio.js';

/** Electron's binary as npm installed it, or why there is none. */
export type ElectronBinary = { readonly path: string } | { readonly missing: string };

/**
 * Where the electron package's install script put the binary (its path.txt names the file in
 * dist/, or in ELECTRON_OVERRIDE_DIST_PATH), read without require('electron'), which would try
 * to download a missing binary on the spot.
 */
export function findElectron(): ElectronBinary {
  const dir = path.dirname(createRequire(path.join(REPO, 'package.json')).resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile))
    return { missing: "the electron package has no binary: its download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD=1) or could not reach Electron's releases" };
  const name = readFileSync(pathFile, 'utf8').trim();
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), name);
  return existsSync(binary) ? { path: binary } : { missing: `Electron's binary ${binary} is not there` };
}

/**
 * better-sqlite3 built for Electron's ABI (build/electron-native/), which the app's library
 * process loads; `npm start` makes it the same way. Cached, so only the first run builds.
 */
function ensureElectronSqlite(): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts', 'electron-native.js')], { cwd: REPO, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`better-sqlite3 could not be built for Electron:\n${result.stdout}${result.stderr}`);
}

export async function startElectronStudio(binary: string, library: string, profile: string, options: StartOptions): Promise<Studio> {
  ensureElectronSqlite();
  const app = await _electron.launch({
    executablePath: binary,
    args: [REPO, `--user-data-dir=${profile}`, ...(options.samples ? [] : ['--no-samples']), '--no-background-jobs'],
    env: { ...process.env, NILUT_LIBRARY: library },
    cwd: REPO,
    timeout: 60_000,
  });
  try {
    const page = await app.firstWindow();
    const errors = watchForErrors(page);
    // The same drawing area as the browser leg's viewport, so the screenshots compare.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.setContentSize(1440, 900));
    await page.waitForLoadState('domcontentloaded');
    return {
      shell: 'electron',
      page,
      errors,
      async choosePath(_title, value, open) {
        await answerNextDialog(app, value);
        await open();
      },
      async close() {
        await stopWithin(app.close(), 20_000, async () => app.process().kill('SIGKILL'));
      },
    };
  } catch (error) {
    app.process().kill('SIGKILL');
    throw error;
  }
}

/** The next open or save dialog returns `value` as if the person had chosen it. */
async function answerNextDialog(app: ElectronApplication, value: string): Promise<void> {
  await app.evaluate(({ dialog }, chosen) => {
    const open = dialog.showOpenDialog;
    const save = dialog.showSaveDialog;
    const restore = () => {
      dialog.showOpenDialog = open;
      dialog.showSaveDialog = save;
    };
    dialog.showOpenDialog = (async () => {
      restore();
      return { canceled: false, filePaths: [chosen] };
    }) as typeof dialog.showOpenDialog;
    dialog.showSaveDialog = (async () => {
      restore();
      return { canceled: false, filePath: chosen };
    }) as typeof dialog.showSaveDialog;
  }, value);
}
