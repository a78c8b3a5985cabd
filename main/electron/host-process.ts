/**
 * Entry of the utility process that runs the IPC host, so the library, previews, fitting and
 * grading never block the main process (which only draws menus and moves messages). Started
 * by library-process.ts; speaks host-protocol.ts over Electron's parentPort.
 */
import { createIpcHost } from '../ipc/handlers.js';
import { serveHost } from './host-server.js';

const port = process.parentPort;
serveHost(
  {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event) => listener(event.data)),
  },
  (options) => createIpcHost(options),
  (code) => process.exit(code),
);
