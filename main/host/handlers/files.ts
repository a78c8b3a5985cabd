/**
 * Files, dialogs and the system shell. In the browser the renderer browses the granted
 * folders itself; native dialogs and revealing a file exist only in the desktop app, whose
 * main process answers those channels before they reach the host.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FolderListing } from '../../contract/contract.js';
import type { HandlerMap } from '../dispatch.js';
import { IpcFailure } from '../errors.js';
import type { HostContext } from '../context.js';

const MAX_ENTRIES = 5_000;

function browse(ctx: HostContext, dir: string | undefined): FolderListing {
  const roots = ctx.grants.roots();
  if (roots.length === 0) throw new IpcFailure('unavailable', 'no folder has been shared with this window');
  const target = ctx.grants.check(dir ?? roots[0], 'folder');
  let info;
  try {
    info = statSync(target);
  } catch {
    throw new IpcFailure('not-found', `${target} does not exist`);
  }
  if (!info.isDirectory()) throw new IpcFailure('invalid-request', `${target} is a file, not a folder`);
  const entries = readdirSync(target, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || e.isFile()))
    .slice(0, MAX_ENTRIES)
    .map((e) => {
      const full = path.join(target, e.name);
      let bytes: number | null = null;
      if (e.isFile()) {
        try {
          bytes = statSync(full).size;
        } catch {
          bytes = null;
        }
      }
      return { name: e.name, path: full, kind: e.isDirectory() ? ('folder' as const) : ('file' as const), bytes };
    })
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  const parent = path.dirname(target);
  return { dir: target, parent: parent !== target && ctx.grants.allows(parent) ? parent : null, roots, entries };
}

const desktopOnly = (what: string) => () => {
  throw new IpcFailure('unavailable', `${what} exists only in the desktop app; in the browser, type or browse a path`);
};

export function fileHandlers(ctx: HostContext): Pick<HandlerMap, 'files.browse' | 'dialog.open' | 'dialog.save' | 'shell.reveal'> {
  return {
    'files.browse': ({ dir }) => browse(ctx, dir),
    'dialog.open': desktopOnly('a file dialog'),
    'dialog.save': desktopOnly('a save dialog'),
    'shell.reveal': desktopOnly('showing a file in its folder'),
  };
}
