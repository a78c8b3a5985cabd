/**
 * A stand-in for the main process at the component level: implements NilutApi from the
 * contract's types, records every call, answers from per-channel handlers, and lets a test
 * push events. Unhandled channels answer 'unavailable', as main does for work it cannot do.
 */
import type { Channel, EventName, Events, IpcError, NilutApi, Request, Response, Result } from '../../main/contract/contract.js';

type Handler<C extends Channel> = (request: Request<C>) => Response<C> | Promise<Response<C>>;

export class FakeApi implements NilutApi {
  readonly calls: { channel: Channel; request: unknown }[] = [];
  private handlers = new Map<Channel, (request: never) => unknown>();
  private listeners = new Map<EventName, Set<(payload: never) => void>>();

  handle<C extends Channel>(channel: C, handler: Handler<C>): this {
    this.handlers.set(channel, handler as (request: never) => unknown);
    return this;
  }

  /** Makes a channel answer with an error, as main does when the work fails. */
  fail(channel: Channel, error: IpcError): this {
    return this.handle(channel, () => {
      throw new FakeFailure(error);
    });
  }

  async invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Response<C>>> {
    this.calls.push({ channel, request });
    const handler = this.handlers.get(channel);
    if (!handler) return { ok: false, error: { code: 'unavailable', message: `no fake for ${channel}` } };
    try {
      return { ok: true, value: (await handler(request as never)) as Response<C> };
    } catch (e) {
      if (e instanceof FakeFailure) return { ok: false, error: e.error };
      throw e;
    }
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: Events[E]) => void)(payload);
  }

  callsOf<C extends Channel>(channel: C): Request<C>[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request as Request<C>);
  }
}

class FakeFailure extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

/** A deferred answer: the test decides when (and in which order) main responds. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}
