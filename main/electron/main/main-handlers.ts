/**
 * The channels the main process answers itself, because they need Electron: native open and
 * save dialogs and showing a file in the system's file manager. Whatever a dialog returns is
 * granted to the host before the renderer sees it, so the next call may name it.
 */
import { BrowserWindow, dialog, shell } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expected } from '../../core/errors.js';
import { IpcFailure } from '../../host/errors.js';
import { openDialogOptions, saveDialogOptions } from './dialog-options.js';
import type { MainHandlers } from './invoke-router.js';

export interface MainHandlerDeps {
  readonly window: () => BrowserWindow | null;
  readonly grant: (paths: string[]) => void;
  /** Where a save dialog starts (the user's documents). */
  readonly documentsDir: string;
}

export function mainHandlers(deps: MainHandlerDeps): MainHandlers {
  return {
    'dialog.open': async (request) => {
      const options = openDialogOptions(request);
      const window = deps.window();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      if (result.canceled || result.filePaths.length === 0) return { paths: [] };
      deps.grant(result.filePaths);
      return { paths: result.filePaths };
    },
    'dialog.save': async (request) => {
      const options = saveDialogOptions(request, deps.documentsDir, path.join);
      const window = deps.window();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return { path: null };
      deps.grant([result.filePath]);
      return { path: result.filePath };
    },
    // Not limited to granted paths: it reads and runs nothing, it only opens a file manager.
    'shell.reveal': async ({ path: target }) => {
      if (!path.isAbsolute(target)) throw new IpcFailure('invalid-request', `shell.reveal: ${expected('path', 'absolute path', target)}`);
      if (!existsSync(target)) throw new IpcFailure('not-found', `${target} does not exist`);
      shell.showItemInFolder(target);
      return { shown: true };
    },
  };
}
