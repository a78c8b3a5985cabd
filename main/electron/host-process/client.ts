/**
 * The main process's handle on the host process: sends calls and
 * grants, relays the host's events, and survives the process dying. Calls in flight when it
 * dies are answered with a typed 'failed' error and the process is started again, with every
 * grant replayed; after repeated crashes in a short time it stops restarting (a crash loop
 * helps nobody) and answers with the reason. The process itself is injected, so this runs in
 * Node tests with a stand-in.
 */
import type { EventName, Result } from '../../contract/contract.js';
import { Correlator, failure, isFromHost, type FromHost, type HostStartOptions, type ToHost } from './protocol.js';

export interface HostProcess {
  postMessage(message: ToHost): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface HostClientOptions {
  readonly spawn: () => HostProcess;
  readonly start: HostStartOptions;
  readonly onEvent: (name: EventName, payload: unknown) => void;
  readonly onLog?: (message: string) => void;
  /** Crashes tolerated within `crashWindowMs` before giving up. */
  readonly maxCrashes?: number;
  readonly crashWindowMs?: number;
  readonly now?: () => number;
}

export class HostClient {
  readonly #options: HostClientOptions;
  readonly #calls = new Correlator();
  readonly #granted = new Set<string>();
  #process: HostProcess | null = null;
  #crashes: number[] = [];
  #gaveUp: string | null = null;
  #startError: string | null = null;
  #closing: Promise<void> | null = null;
  #onClosed: (() => void) | null = null;

  constructor(options: HostClientOptions) {
    this.#options = options;
    this.#launch();
  }

  call(channel: string, request: unknown): Promise<Result<unknown>> {
    if (this.#gaveUp !== null) return Promise.resolve(failure('failed', this.#gaveUp));
    if (this.#closing || !this.#process) return Promise.resolve(failure('unavailable', 'NILUT Studio is closing.'));
    const { id, answer } = this.#calls.open(channel);
    this.#process.postMessage({ kind: 'call', id, channel, request });
    return answer;
  }

  /** Grants paths to the host, now and after any restart. */
  grant(paths: string[]): void {
    const fresh = paths.filter((p) => !this.#granted.has(p));
    if (fresh.length === 0) return;
    for (const p of fresh) this.#granted.add(p);
    this.#process?.postMessage({ kind: 'grant', paths: fresh });
  }

  get grantedPaths(): readonly string[] {
    return [...this.#granted];
  }

  /** Why the host did not start (shown by the window), or null. */
  get startError(): string | null {
    return this.#startError;
  }

  /** Asks the host to close the library and exit; kills it after `timeoutMs`. */
  close(timeoutMs = 5000): Promise<void> {
    if (this.#closing) return this.#closing;
    const process = this.#process;
    if (!process) return (this.#closing = Promise.resolve());
    this.#closing = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#options.onLog?.(`The host process did not close within ${timeoutMs} ms; stopping it.`);
        process.kill();
        resolve();
      }, timeoutMs);
      this.#onClosed = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    process.postMessage({ kind: 'close' });
    return this.#closing;
  }

  #launch(): void {
    const process = this.#options.spawn();
    this.#process = process;
    process.onMessage((message) => {
      if (this.#process === process && isFromHost(message)) this.#receive(message);
    });
    process.onExit((code) => {
      if (this.#process === process) this.#exited(code);
    });
    process.postMessage({ kind: 'start', options: this.#options.start });
    if (this.#granted.size > 0) process.postMessage({ kind: 'grant', paths: [...this.#granted] });
  }

  #receive(message: FromHost): void {
    switch (message.kind) {
      case 'result':
        this.#calls.settle(message.id, message.result);
        return;
      case 'event':
        this.#options.onEvent(message.name, message.payload);
        return;
      case 'start-failed':
        this.#startError = message.message;
        this.#options.onLog?.(message.message);
        return;
      case 'ready':
        this.#startError = null;
        return;
      case 'closed':
        return;
    }
  }

  #exited(code: number): void {
    this.#process = null;
    if (this.#closing) {
      this.#calls.failAll((channel) => ({ code: 'cancelled', message: `NILUT Studio closed before '${channel}' was answered.` }));
      this.#onClosed?.();
      return;
    }
    const restart = this.#mayRestart();
    const then = restart ? 'it has been restarted, so try again' : 'it was not restarted';
    const lost = this.#calls.failAll((channel) => ({
      code: 'failed',
      message: `The host process stopped unexpectedly (exit code ${code}) while answering '${channel}'; ${then}.`,
    }));
    this.#options.onLog?.(`The host process exited with code ${code} (${lost} call(s) in flight).`);
    if (restart) this.#launch();
  }

  #mayRestart(): boolean {
    const now = (this.#options.now ?? Date.now)();
    const window = this.#options.crashWindowMs ?? 60_000;
    const max = this.#options.maxCrashes ?? 3;
    this.#crashes = [...this.#crashes.filter((t) => now - t < window), now];
    if (this.#crashes.length <= max) return true;
    this.#gaveUp = `The host process crashed ${this.#crashes.length} times within ${Math.round(window / 1000)} s and was not restarted again; restart NILUT Studio.${this.#startError ? ` Last error: ${this.#startError}` : ''}`;
    this.#options.onLog?.(this.#gaveUp);
    return false;
  }
}
