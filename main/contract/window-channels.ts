/**
 * The Electron IPC channel names between the preload and the main process. Private to the
 * shell: the renderer never sees them, only `window.nilut` (the contract's NilutApi).
 */
/** ipcRenderer.invoke(INVOKE, channel, request) → Result. */
export const INVOKE_CHANNEL = 'nilut:invoke';
/** webContents.send(EVENT, name, payload) for every contract event. */
export const EVENT_CHANNEL = 'nilut:event';
/** ipcRenderer.send(DROPPED, paths): files dropped on the window, for main to grant. */
export const DROPPED_CHANNEL = 'nilut:dropped';
