/**
 * The browser bridge: serves the renderer to an ordinary browser and carries the IPC
 * contract over a WebSocket to the same handlers the desktop app uses. Bound to 127.0.0.1;
 * every page, asset and socket request needs the run's token, all but the app icon
 * (see security.ts).
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Host } from '../host/create-host.js';
import { isInside } from '../host/path-grants.js';
import { contentSecurityPolicy, newToken, refusal } from './security.js';
import type { BridgeMessage } from '../contract/bridge-wire.js';
import { decodeMessage, encodeMessage, WireError } from '../contract/bridge-wire.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
/** Larger than any file a user drops for import (the contract caps one at 512 MiB). */
const MAX_FRAME_BYTES = 1100 * 1024 * 1024;

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

async function serveFile(response: ServerResponse, rendererDir: string, pathname: string, token: string, port: number): Promise<void> {
  const name = FILE_OF[pathname] ?? decodeURIComponent(pathname.slice(1));
  const file = path.resolve(rendererDir, name);
  if (!isInside(file, rendererDir)) {
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

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newToken();
  const rendererDir = path.resolve(options.rendererDir);
  let port = 0;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const why = refusal(request, token, port);
    if (why) return void response.writeHead(403, { 'content-type': 'text/plain' }).end(`403 forbidden: ${why}`);
    if (request.method !== 'GET') return void response.writeHead(405).end();
    void serveFile(response, rendererDir, new URL(request.url ?? '/', 'http://127.0.0.1').pathname, token, port);
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const why = refusal(request, token, port) ?? (request.headers.origin === undefined ? 'missing origin' : undefined);
    if (why || new URL(request.url ?? '/', 'http://127.0.0.1').pathname !== '/ws') {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n403 forbidden: ${why ?? 'unknown path'}`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  const send = (ws: WebSocket, message: BridgeMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(encodeMessage(message));
  };

  sockets.on('connection', (ws: WebSocket) => {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      let message: BridgeMessage;
      try {
        if (!isBinary) throw new WireError('text frames are not part of the protocol');
        message = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        ws.close(1003, error instanceof Error ? error.message.slice(0, 100) : 'bad frame');
        return;
      }
      if (message.type !== 'call' || !Number.isInteger(message.id)) return;
      void options.host.call(message.channel, message.request).then((result) => send(ws, { type: 'result', id: message.id, result }));
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
