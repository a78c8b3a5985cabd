/**
 * The browser bridge: serves the renderer to an ordinary browser and carries the IPC
 * contract over a WebSocket to the same handlers the desktop app uses. Bound to 127.0.0.1;
 * every page, asset and socket request needs the run's token, all but the app icon
 * (see security.ts). Nothing a peer sends can throw out of a handler: a malformed request
 * gets a 400, a malformed frame a close code, and every socket has an error listener (an
 * unhandled 'error' event would end the process, and with it every other page's session).
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Host } from '../host/create-host.js';
import { isInside } from '../host/path-grants.js';
import { contentSecurityPolicy, newToken, refusal, requestUrl } from './security.js';
import type { BridgeMessage } from '../contract/bridge-wire.js';
import { decodeMessage, encodeMessage, WireError } from '../contract/bridge-wire.js';
import { LIMITS } from '../contract/limits.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface BridgeOptions {
  readonly host: Host;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  readonly port?: number;
  readonly token?: string;
}

export interface Bridge {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Sends an event to every connected page. */
  broadcast(event: string, payload: unknown): void;
  close(): Promise<void>;
}

/** The file each URL path names when it is not the file of that name. */
const FILE_OF: Readonly<Record<string, string>> = { '/': 'index.html', '/favicon.ico': 'icon.png' };

/** The file a URL path names, or undefined when its escapes are malformed (`/%`). */
function fileNameOf(pathname: string): string | undefined {
  const named = FILE_OF[pathname];
  if (named) return named;
  try {
    return decodeURIComponent(pathname.slice(1));
  } catch {
    return undefined;
  }
}

async function serveFile(response: ServerResponse, rendererDir: string, pathname: string, token: string, port: number): Promise<void> {
  const name = fileNameOf(pathname);
  if (name === undefined) return void response.writeHead(400, { 'content-type': 'text/plain' }).end('400 bad request: malformed escape in the path');
  const file = path.resolve(rendererDir, name);
  if (!isInside(file, rendererDir) || name.includes('\0')) {
    response.writeHead(404).end();
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end(`${name} not found${name === 'index.html' ? ' (run `npm run build` first)' : ''}`);
    return;
  }
  if (name === 'index.html') {
    // Assets carry the token too: the browser does not add it to sub-resource requests.
    body = Buffer.from(body.toString('utf8').replace(/(src|href)="(app\.(?:js|css))"/g, `$1="$2?token=${token}"`));
  }
  response.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy(port),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(body);
}

/** Answers a raw socket (an upgrade, or a request the HTTP parser refused) and closes it. */
function answerRaw(socket: Duplex, status: string, text: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${text}`);
  else socket.destroy();
}

/** A close frame's reason holds at most 123 bytes of UTF-8. */
function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.byteLength <= 123
    ? text
    : bytes
        .subarray(0, 120)
        .toString('utf8')
        .replace(/\uFFFD$/, '') + '…';
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newToken();
  const rendererDir = path.resolve(options.rendererDir);
  let port = 0;
  const sockets = new WebSocketServer({
    noServer: true,
    // ws refuses a longer frame (close 1009) from its header, before buffering its payload.
    maxPayload: LIMITS.maxMessageBytes,
    // Off: a compressed frame could inflate past any size the header shows.
    perMessageDeflate: false,
  });
  // Errors of the server itself (none expected with noServer): logged, never thrown.
  sockets.on('error', (error) => console.error(`bridge: ${error.message}`));

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = requestUrl(request);
    if (!url) return void response.writeHead(400, { 'content-type': 'text/plain' }).end('400 bad request: not a path');
    const why = refusal(request, url, token, port);
    if (why) return void response.writeHead(403, { 'content-type': 'text/plain' }).end(`403 forbidden: ${why}`);
    if (request.method !== 'GET') return void response.writeHead(405).end();
    serveFile(response, rendererDir, url.pathname, token, port).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end();
      console.error(`bridge: serving ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  // Requests the HTTP parser cannot read (bad headers, a request line too long) and sockets
  // that fail mid-request: a 400 where the socket still takes one.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET') return void socket.destroy();
    answerRaw(socket, '400 Bad Request', '400 bad request');
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // The socket is ours from here on: the HTTP server no longer listens for its errors.
    socket.on('error', () => socket.destroy());
    const url = requestUrl(request);
    if (!url) return answerRaw(socket, '400 Bad Request', '400 bad request: not a path');
    const why = refusal(request, url, token, port) ?? (request.headers.origin === undefined ? 'missing origin' : undefined);
    if (why || url.pathname !== '/ws') return answerRaw(socket, '403 Forbidden', `403 forbidden: ${why ?? 'unknown path'}`);
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  const send = (ws: WebSocket, message: BridgeMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(encodeMessage(message));
  };

  sockets.on('connection', (ws: WebSocket) => {
    // A protocol error (an unmasked frame, a reserved bit, a frame over maxPayload): ws is
    // already closing the socket with the matching code (1002, 1009); the other pages go on.
    ws.on('error', () => undefined);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      let message: BridgeMessage;
      try {
        if (!isBinary) throw new WireError('text frames are not part of the protocol');
        message = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        ws.close(1003, error instanceof Error ? closeReason(error.message) : 'bad frame');
        return;
      }
      if (message.type !== 'call' || !Number.isSafeInteger(message.id) || typeof message.channel !== 'string') return;
      // host.call answers every failure as a typed error; a rejection would be a bug of ours,
      // answered as 'failed' rather than left unhandled.
      options.host
        .call(message.channel, message.request)
        .catch((error: unknown) => ({ ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } }))
        .then((result) => send(ws, { type: 'result', id: message.id, result }))
        .catch((error: unknown) => console.error(`bridge: answering ${message.channel}: ${error instanceof Error ? error.message : String(error)}`));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    broadcast(event, payload) {
      for (const ws of sockets.clients) send(ws, { type: 'event', event, payload });
    },
    async close() {
      for (const ws of sockets.clients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
