/**
 * Starts the host process (entry.js, an Electron utility process) and adapts it to HostClient's
 * HostProcess. Messages posted before the process has spawned are held until it has.
 */
import { utilityProcess } from 'electron';
import type { HostProcess } from './client.js';
import type { ToHost } from './protocol.js';

export function forkLibraryProcess(entry: string, env: Record<string, string>): HostProcess {
  const child = utilityProcess.fork(entry, [], {
    serviceName: 'NILUT Studio library',
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  let spawned = false;
  const held: ToHost[] = [];
  child.once('spawn', () => {
    spawned = true;
    for (const message of held.splice(0)) child.postMessage(message);
  });
  return {
    postMessage: (message) => (spawned ? child.postMessage(message) : held.push(message)),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => child.kill(),
  };
}
