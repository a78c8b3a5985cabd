/** Worker thread body for learn-many.ts: learns one look per message and replies with its code. */
import { parentPort } from 'node:worker_threads';
import { learnLook } from './learn-look.js';
import type { LearnRequest, LearnReply } from './learn-many.js';

parentPort!.on('message', (request: LearnRequest) => {
  let reply: LearnReply;
  try {
    const { lattice: _lattice, ...look } = learnLook(request.lut, request.options);
    reply = { id: request.id, ok: true, look };
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
