/**
 * The main process's end of the preload's private channels: contract calls (routed to the
 * main process's own handlers or the host process), dropped files (granted, then announced
 * as 'files.dropped') and events out to the window. Every message is checked to come from our
 * window's top frame showing our own page.
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { EventName, Events } from '../../contract/contract.js';
import { isAppUrl } from './app-protocol.js';
import { failure } from '../host-process/protocol.js';
import { isTrustedSender, routeInvoke, type HostCaller, type MainHandlers } from './invoke-router.js';
import { droppedPaths } from './opened-paths.js';
import { DROPPED_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from '../../contract/window-channels.js';

export interface WindowIpcDeps {
  readonly window: () => BrowserWindow | null;
  readonly host: HostCaller & { grant(paths: string[]): void };
  readonly main: MainHandlers;
}

/** Sends a contract event to the window, if it is still there. */
export function sendEvent<E extends EventName>(window: BrowserWindow | null, name: E, payload: Events[E]): void {
  relayEvent(window, name, payload);
}

/** Passes on an event the host process emitted (typed at its source, main/host/create-host.ts). */
export function relayEvent(window: BrowserWindow | null, name: EventName, payload: unknown): void {
  if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
}

function trusted(event: IpcMainEvent | IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  const contentsId = window && !window.isDestroyed() ? window.webContents.id : undefined;
  return isTrustedSender(
    { senderId: event.sender.id, frameUrl: frame?.url, isMainFrame: frame !== null && frame === event.sender.mainFrame },
    contentsId,
    isAppUrl,
  );
}

export function connectWindowIpc(deps: WindowIpcDeps): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, request: unknown) => {
    if (!trusted(event, deps.window())) return failure('failed', 'refused: the call did not come from the NILUT Studio window');
    return routeInvoke(channel, request, deps.host, deps.main);
  });
  ipcMain.on(DROPPED_CHANNEL, (event, value: unknown) => {
    const window = deps.window();
    if (!trusted(event, window)) return;
    const paths = droppedPaths(value);
    if (!paths) return;
    deps.host.grant(paths);
    sendEvent(window, 'files.dropped', { paths });
  });
}
