/**
 * Where a renderer call goes: the three channels that need Electron (native dialogs, the file
 * manager) are answered by the main process; every other channel goes to the host in the
 * host process. The main process validates its own channels with the same schemas and
 * errors as the host, so the renderer cannot tell who answered.
 */
import { isChannel, type Channel, type ParsedRequest, type Response, type Result } from '../../contract/contract.js';
import { dispatch } from '../../host/dispatch.js';

export const MAIN_CHANNELS = ['dialog.open', 'dialog.save', 'shell.reveal'] as const satisfies readonly Channel[];
export type MainChannel = (typeof MAIN_CHANNELS)[number];

export type MainHandlers = { [C in MainChannel]: (request: ParsedRequest<C>) => Promise<Response<C>> };

export interface HostCaller {
  call(channel: string, request: unknown): Promise<Result<unknown>>;
}

function isMainChannel(channel: Channel): channel is MainChannel {
  return (MAIN_CHANNELS as readonly string[]).includes(channel);
}

export async function routeInvoke(channel: unknown, request: unknown, host: HostCaller, main: MainHandlers): Promise<Result<unknown>> {
  if (isChannel(channel) && !isMainChannel(channel)) return host.call(channel, request);
  return dispatch(main, channel, request);
}

/**
 * Only our window's top frame, showing our own page, may call: not a frame it might embed,
 * nor the window after something navigated it elsewhere.
 */
export function isTrustedSender(
  sender: { readonly senderId: number; readonly frameUrl: string | undefined; readonly isMainFrame: boolean },
  windowContentsId: number | undefined,
  isAppUrl: (url: string) => boolean,
): boolean {
  return (
    windowContentsId !== undefined && sender.senderId === windowContentsId && sender.isMainFrame && sender.frameUrl !== undefined && isAppUrl(sender.frameUrl)
  );
}
