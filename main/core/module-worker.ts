/**
 * Starts a worker thread from a module beside the caller. Compiled, the module is a .js file;
 * under the TypeScript test runner it is a .ts file, so the worker registers tsx's loader
 * before importing the TypeScript source.
 */
import type { WorkerOptions } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';

/** `name` without extension, resolved against `callerUrl` (the caller's import.meta.url). */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const source = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
