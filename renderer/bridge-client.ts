/**
 * The contract over the bridge's WebSocket, for the renderer running in an ordinary browser
 * (`nilut studio --browser`): the same NilutApi that Electron's preload exposes. The token
 * comes from the page's own URL. A dropped connection fails the calls in flight with a
 * 'failed' error and reconnects for the next call.
 */
import type { Channel, EventName, Events, NilutApi, Request, Response, Result } from '../main/contract/contract.js';
import type { BridgeMessage } from '../main/contract/bridge-wire.js';
import { decodeMessage, encodeMessage } from '../main/contract/bridge-wire.js';
import { LIMITS } from '../main/contract/limits.js';

type Pending = (result: Result<unknown>) => void;

export async function connectBridge(location: Location = window.location): Promise<NilutApi> {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const url = `ws://${location.host}/ws?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: Promise<WebSocket> | undefined;

  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('cannot reach NILUT Studio (is `nilut studio --browser` still running?)'));
      ws.onclose = () => {
        socket = undefined;
        for (const [id, settle] of pending) {
          pending.delete(id);
          settle({ ok: false, error: { code: 'failed', message: 'the connection to NILUT Studio closed' } });
        }
      };
      ws.onmessage = (event: MessageEvent<ArrayBuffer>) => {
        let message: BridgeMessage;
        try {
          message = decodeMessage(new Uint8Array(event.data));
        } catch {
          return;
        }
        if (message.type === 'result') {
          pending.get(message.id)?.(message.result as Result<unknown>);
          pending.delete(message.id);
        } else if (message.type === 'event') {
          for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
        }
      };
    });

  const connection = () =>
    (socket ??= open().catch((error: unknown) => {
      socket = undefined;
      throw error;
    }));
  await connection();

  return {
    async invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Response<C>>> {
      let ws: WebSocket;
      try {
        ws = await connection();
      } catch (error) {
        return { ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } };
      }
      const id = nextId++;
      const frame = encodeMessage({ type: 'call', id, channel, request });
      // The bridge would close the whole connection on a longer frame (1009): refuse it here.
      if (frame.byteLength > LIMITS.maxMessageBytes) {
        const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
        const message = `${channel}: a request of ${mib(frame.byteLength)} is more than the ${mib(LIMITS.maxMessageBytes)} one call may send`;
        return { ok: false, error: { code: 'invalid-request', message } };
      }
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        ws.send(frame);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}
