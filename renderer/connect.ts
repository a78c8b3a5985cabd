/**
 * Finds the contract: Electron's preload puts it on window.nilut; in a plain browser the page
 * was served by the bridge and connects back to it over a WebSocket. Kept apart from api.ts so
 * component tests, which install a fake API, never load the bridge client.
 */
import type { NilutApi } from '../main/contract/contract.js';
import { connectBridge } from './bridge-client.js';

declare global {
  interface Window {
    nilut?: NilutApi;
  }
}

export async function connect(): Promise<NilutApi> {
  return window.nilut ?? (await connectBridge());
}
