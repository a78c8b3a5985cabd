import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { EventName, Events } from '../../main/contract/contract.js';
import type { Host, HostOptions } from '../../main/host/create-host.js';
import { createHost } from '../../main/host/create-host.js';

export interface RecordedEvent {
  readonly event: EventName;
  readonly payload: unknown;
}

export interface TestHost {
  readonly host: Host;
  readonly dir: string;
  readonly libraryDir: string;
  readonly events: RecordedEvent[];
  /** Resolves with the first event of that name (already seen or future) matching `test`. */
  next<E extends EventName>(event: E, test?: (payload: Events[E]) => boolean, timeoutMs?: number): Promise<Events[E]>;
  /** The value of a call that must succeed (the error's message otherwise). */
  value<T = unknown>(channel: string, request?: unknown): Promise<T>;
}

/** hosts on fresh temporary folders (library, settings, photos), closed after each test. */
export function useIpcHosts(): { start(options?: Partial<HostOptions> & { dir?: string }): Promise<TestHost> } {
  const opened: { host: Host; dir: string; keep: boolean }[] = [];
  afterEach(async () => {
    for (const { host, dir, keep } of opened.splice(0)) {
      await host.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  });
  return {
    async start(options = {}) {
      const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'nilut-ipc-'));
      const events: RecordedEvent[] = [];
      const waiters: (() => void)[] = [];
      const host = await createHost({
        libraryDir: path.join(dir, 'library'),
        settingsFile: path.join(dir, 'settings.json'),
        shell: 'browser',
        allowedRoots: [dir],
        samples: false,
        backgroundJobs: false,
        ...options,
        emit: (event, payload) => {
          events.push({ event, payload });
          for (const wake of waiters.splice(0)) wake();
        },
      });
      opened.push({ host, dir, keep: options.dir !== undefined });
      const next: TestHost['next'] = (event, test = () => true, timeoutMs = 120_000) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ${event} event within ${timeoutMs} ms`)), timeoutMs);
          const look = () => {
            const found = events.find((e) => e.event === event && test(e.payload as never));
            if (found) {
              clearTimeout(timer);
              resolve(found.payload as never);
            } else waiters.push(look);
          };
          look();
        });
      const value = async <T>(channel: string, request?: unknown): Promise<T> => {
        const result = await host.call(channel, request);
        if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
        return result.value as T;
      };
      return { host, dir, libraryDir: path.join(dir, 'library'), events, next, value };
    },
  };
}
