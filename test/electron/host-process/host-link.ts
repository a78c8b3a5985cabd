/**
 * An in-memory stand-in for the host process (an Electron utility process): HostClient on one side, serveHost on
 * the other, every message passed through structuredClone (as Electron's postMessage does)
 * and delivered on a later turn.
 */
import type { EventName, Events, Result } from '../../../main/contract/contract.js';
import type { HostProcess } from '../../../main/electron/host-process/client.js';
import type { ToHost } from '../../../main/electron/host-process/protocol.js';
import { serveHost, type HostFactory, type HostFactoryOptions, type HostLike } from '../../../main/electron/host-process/server.js';

export class FakeHost implements HostLike {
  readonly grants: string[][] = [];
  readonly calls: { channel: string; request: unknown }[] = [];
  closed = false;
  hang = new Set<string>();
  constructor(readonly options: HostFactoryOptions) {}

  async call(channel: string, request: unknown): Promise<Result<unknown>> {
    this.calls.push({ channel, request });
    if (this.hang.has(channel)) return new Promise(() => undefined);
    if (channel === 'preview.render')
      return { ok: true, value: { width: 2, height: 1, pixels: new Uint8Array([1, 2, 3, 255, 4, 5, 6, 255]), exact: true, milliseconds: 1 } };
    if (channel === 'throws') throw new Error('handler bug');
    return { ok: true, value: { channel, request, grantsSoFar: this.grants.flat() } };
  }

  grant(paths: string[]): void {
    this.grants.push(paths);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  emit<E extends EventName>(name: E, payload: Events[E]): void {
    this.options.emit(name, payload);
  }
}

export class FakeUtilityProcess implements HostProcess {
  readonly posted: ToHost[] = [];
  private messageListeners: ((m: unknown) => void)[] = [];
  private exitListeners: ((code: number) => void)[] = [];
  private toServer: ((m: unknown) => void)[] = [];
  exited = false;
  killed = false;

  constructor(factory: HostFactory) {
    serveHost(
      {
        postMessage: (m) => setImmediate(() => !this.exited && this.messageListeners.forEach((l) => l(structuredClone(m)))),
        onMessage: (l) => this.toServer.push(l),
      },
      factory,
      (code) => this.exit(code),
    );
  }

  postMessage(message: ToHost): void {
    this.posted.push(message);
    const copy = structuredClone(message);
    setImmediate(() => !this.exited && this.toServer.forEach((l) => l(copy)));
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number) => void): void {
    this.exitListeners.push(listener);
  }
  kill(): void {
    this.killed = true;
    this.exit(15);
  }
  /** The process dies (a native crash, an out-of-memory kill). */
  exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    setImmediate(() => this.exitListeners.forEach((l) => l(code)));
  }
}

/** A spawner that records every process and the host inside it. */
export function spawner(configure: (host: FakeHost) => void = () => undefined, makeHost?: HostFactory) {
  const processes: FakeUtilityProcess[] = [];
  const hosts: FakeHost[] = [];
  const factory: HostFactory =
    makeHost ??
    (async (options) => {
      const host = new FakeHost(options);
      configure(host);
      hosts.push(host);
      return host;
    });
  const spawn = () => {
    const process = new FakeUtilityProcess(factory);
    processes.push(process);
    return process;
  };
  return { spawn, processes, hosts };
}

export const tick = () => new Promise((resolve) => setImmediate(resolve));
export async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await tick();
}
