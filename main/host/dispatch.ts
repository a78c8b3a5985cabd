/**
 * One door for every call: the channel must exist, the request must match its schema, and
 * whatever the handler does, the caller gets a Result (a failing handler never crashes the
 * process that hosts it).
 */
import type { Channel, ParsedRequest, Response, Result } from '../contract/contract.js';
import { isChannel } from '../contract/channels.js';
import { requestSchemas } from '../contract/schemas.js';
import { invalidRequest, toIpcError } from './errors.js';

export type Handler<C extends Channel> = (request: ParsedRequest<C>) => Promise<Response<C>> | Response<C>;
export type HandlerMap = { [C in Channel]: Handler<C> };

/** `handlers` may serve only some channels (the Electron main process serves three). */
export async function dispatch(handlers: { readonly [C in Channel]?: Handler<C> }, channel: unknown, request: unknown): Promise<Result<unknown>> {
  const handler = isChannel(channel) ? (handlers[channel] as ((request: unknown) => unknown) | undefined) : undefined;
  if (!isChannel(channel) || !handler)
    return { ok: false, error: { code: 'unknown-channel', message: `there is no channel named ${JSON.stringify(channel)}` } };
  const parsed = requestSchemas[channel].safeParse(request ?? {});
  if (!parsed.success) return { ok: false, error: invalidRequest(channel, parsed.error) };
  try {
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toIpcError(error) };
  }
}
