/** What every handler module is built with: the open library and the host's services. */
import type { Library } from '../core/library/library.js';
import type { EventName, Events } from '../contract/contract.js';
import type { PathGrants } from './path-grants.js';
import type { SettingsStore } from './settings-store.js';

export type Emit = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface HostContext {
  readonly library: Library;
  readonly grants: PathGrants;
  readonly settings: SettingsStore;
  readonly emit: Emit;
  readonly shell: 'electron' | 'browser';
}
