/**
 * The preload: puts the IPC contract on `window.nilut` (NilutApi: invoke and on) and nothing
 * else, so the page never holds ipcRenderer or anything of Node. It also turns files dropped
 * on the window into paths (webUtils.getPathForFile), which only the preload can read, and
 * hands them to main to grant; main answers with a 'files.dropped' event.
 *
 * Bundled to one CommonJS file (scripts/bundle.js), as a sandboxed preload must be. The
 * logic is in factories taking their Electron pieces, so tests run it in Node with stand-ins.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isChannel, isEventName, type EventName } from '../main/contract/channels.js';
import type { NilutApi, Result } from '../main/contract/contract.js';
import { DROPPED_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/contract/window-channels.js';

/** The part of ipcRenderer the preload uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  send(channel: string, ...args: unknown[]): void;
}

type Listener = (payload: unknown) => void;

function failed(message: string, code: 'unknown-channel' | 'failed' = 'failed'): Result<never> {
  return { ok: false, error: { code, message } };
}

export function createPreloadApi(ipc: RendererIpc): NilutApi {
  const listeners = new Map<EventName, Set<Listener>>();
  let subscribed = false;

  // One Electron listener for all events, added on first use, fanned out by name.
  const subscribe = (): void => {
    if (subscribed) return;
    subscribed = true;
    ipc.on(EVENT_CHANNEL, (_event, name, payload) => {
      if (!isEventName(name)) return;
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          listener(payload);
        } catch (error) {
          // One failing view must not keep the event from the others.
          console.error(`A listener for '${name}' failed:`, error);
        }
      }
    });
  };

  const invoke = async (channel: unknown, request: unknown): Promise<Result<unknown>> => {
    if (!isChannel(channel)) return failed(`there is no channel named ${JSON.stringify(channel)}`, 'unknown-channel');
    try {
      return (await ipc.invoke(INVOKE_CHANNEL, channel, request)) as Result<unknown>;
    } catch (error) {
      return failed(`'${channel}' could not reach the main process: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`there is no event named ${JSON.stringify(event)}`);
    if (typeof listener !== 'function') throw new TypeError(`the listener for '${event}' must be a function`);
    subscribe();
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const own = (payload: unknown) => (listener as Listener)(payload);
    set.add(own);
    return () => {
      set.delete(own);
    };
  };

  return { invoke: invoke as NilutApi['invoke'], on: on as NilutApi['on'] };
}

/** Just enough of a DOM drag event (the project builds without the DOM library). */
export interface DropEventLike {
  preventDefault(): void;
  readonly dataTransfer: { readonly files: ArrayLike<unknown> } | null;
}

export interface DropTarget {
  addEventListener(type: 'dragover' | 'drop', listener: (event: DropEventLike) => void): void;
}

/** Accepts drops anywhere on the page, never navigates to them, and sends their paths. */
export function forwardDrops(target: DropTarget, pathOf: (file: unknown) => string, send: (paths: string[]) => void): void {
  target.addEventListener('dragover', (event) => event.preventDefault());
  target.addEventListener('drop', (event) => {
    event.preventDefault();
    const files = Array.from(event.dataTransfer?.files ?? []);
    // Dragged text or a web image has no path ('').
    const paths = files.map(pathOf).filter((p) => p !== '');
    if (paths.length > 0) send(paths);
  });
}

contextBridge.exposeInMainWorld('nilut', createPreloadApi(ipcRenderer));
const page = (globalThis as { document?: DropTarget }).document;
if (page)
  forwardDrops(
    page,
    (file) => webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]),
    (paths) => ipcRenderer.send(DROPPED_CHANNEL, paths),
  );
