/**
 * The host process's side of the host protocol: starts the host when told, answers
 * calls in the order they came, applies grants, forwards the host's events, and closes the
 * host (the library database) before the process exits. Pure, so it is tested in Node with
 * a stand-in port and host.
 */
import type { EventName, Events, Result } from '../../contract/contract.js';
import { failure, isToHost, type FromHost, type HostStartOptions, type ToHost } from './protocol.js';

/** The host as main/host/create-host.ts builds it. */
export interface HostLike {
  call(channel: string, request: unknown): Promise<Result<unknown>>;
  grant(paths: string[]): void;
  close(): Promise<void>;
}

export interface HostFactoryOptions extends HostStartOptions {
  readonly shell: 'electron';
  readonly emit: <E extends EventName>(event: E, payload: Events[E]) => void;
}

export type HostFactory = (options: HostFactoryOptions) => Promise<HostLike>;

export interface HostPort {
  postMessage(message: FromHost): void;
  onMessage(listener: (message: unknown) => void): void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function serveHost(port: HostPort, makeHost: HostFactory, exit: (code: number) => void): void {
  let host: Promise<HostLike> | null = null;
  let startError: string | null = null;

  const start = (options: HostStartOptions): void => {
    const emit = <E extends EventName>(name: E, payload: Events[E]): void => port.postMessage({ kind: 'event', name, payload });
    host = makeHost({ ...options, shell: 'electron', emit });
    host.then(
      () => port.postMessage({ kind: 'ready' }),
      (error: unknown) => {
        // The process stays up and answers every call with the reason, rather than dying and
        // being restarted into the same failure (a newer library, a missing native module).
        startError = `The library could not be opened: ${describe(error)}`;
        port.postMessage({ kind: 'start-failed', message: startError });
      },
    );
  };

  const answer = async (id: number, channel: string, request: unknown): Promise<void> => {
    let result: Result<unknown>;
    try {
      if (!host) result = failure('unavailable', 'The host process has not been started yet.');
      else result = await (await host).call(channel, request);
    } catch (error) {
      result = failure(startError ? 'unavailable' : 'failed', startError ?? describe(error));
    }
    port.postMessage({ kind: 'result', id, result });
  };

  const close = async (): Promise<void> => {
    try {
      if (host) await (await host).close();
    } catch {
      // Nothing was opened, or closing failed: the process ends either way.
    }
    port.postMessage({ kind: 'closed' });
    exit(0);
  };

  const handle = (message: ToHost): void => {
    switch (message.kind) {
      case 'start':
        if (!host) start(message.options);
        return;
      case 'call':
        void answer(message.id, message.channel, message.request);
        return;
      case 'grant':
        // After the host exists, and before any call sent later (same promise, FIFO).
        host?.then(
          (h) => h.grant(message.paths),
          () => undefined,
        );
        return;
      case 'close':
        void close();
        return;
    }
  };

  port.onMessage((message) => {
    if (isToHost(message)) handle(message);
  });
}
