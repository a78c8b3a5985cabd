/**
 * Entry of the host process: an Electron utility process that runs the host (the library,
 * previews, fitting and grading), so none of it blocks the main process (which only draws
 * menus and moves messages). Started by spawn.ts; speaks protocol.ts over Electron's parentPort.
 */
import { createHost } from '../../host/create-host.js';
import { serveHost } from './server.js';

const port = process.parentPort;
serveHost(
  {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event) => listener(event.data)),
  },
  (options) => createHost(options),
  (code) => process.exit(code),
);
