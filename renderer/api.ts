/**
 * The one place the renderer talks to main. Every call goes through `call`, which turns a failed
 * Result into a thrown ApiError, so a view can catch it where the work happened and show the
 * reason there. Types only from the contract: the renderer bundle must never carry zod.
 */
import type { Channel, EventName, Events, IpcError, IpcErrorCode, NilutApi, Request, Response } from '../main/contract/contract.js';

export class ApiError extends Error {
  readonly code: IpcErrorCode;
  readonly channel: Channel;
  readonly issues: { path: string; message: string }[];

  constructor(channel: Channel, error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.channel = channel;
    this.issues = error.issues ?? [];
  }
}

let current: NilutApi | null = null;

/** Installs the API the app (or a component test's fake) talks through. */
export function useApi(api: NilutApi): void {
  current = api;
}

function api(): NilutApi {
  if (!current) throw new Error('The renderer is not connected to the main process yet');
  return current;
}

export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>> {
  const result = await api().invoke(channel, request);
  if (!result.ok) throw new ApiError(channel, result.error);
  return result.value;
}

export function on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return api().on(event, listener);
}

/** What a person reads for any failure: the main process's message, or the exception's. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const where = error.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return where ? `${error.message} (${where})` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
