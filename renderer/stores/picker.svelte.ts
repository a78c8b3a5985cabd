/**
 * Choosing paths in either shell. Electron has native dialogs ('dialog.open', 'dialog.save');
 * a browser has none, so the same calls open the app's own path picker (a typed path plus a
 * browser of the granted folders) and resolve when the person chooses or cancels.
 */
import type { Request } from '../../main/contract/contract.js';
import { OPEN_FILTERS } from '../../main/contract/file-filters.js';
import { call } from '../api.js';
import { session } from './session.svelte.js';

export type PickMode = 'file' | 'folder' | 'any' | 'save';

export interface PickRequest {
  readonly title: string;
  readonly mode: PickMode;
  readonly multiple: boolean;
  /** For 'save': the file name to start from. */
  readonly defaultName?: string;
  /** Files listed (lower-case, no dot), as the native dialog's filter for the same purpose; all when absent. */
  readonly extensions?: readonly string[];
  readonly resolve: (paths: string[] | null) => void;
}

type Purpose = Request<'dialog.open'>['purpose'];

const TITLES: Record<Purpose, { title: string; mode: PickMode }> = {
  import: { title: 'Import presets', mode: 'any' },
  photo: { title: 'Open a photo', mode: 'file' },
  'grade-inputs': { title: 'Photos to grade', mode: 'any' },
  'output-folder': { title: 'Output folder', mode: 'folder' },
  'look-to-match': { title: 'A LUT to match', mode: 'file' },
};

class Picker {
  open = $state.raw<PickRequest | null>(null);

  /** Paths to open, or null when the person cancelled. */
  async choose(purpose: Purpose, multiple = false): Promise<string[] | null> {
    if (!session.browser) {
      const { paths } = await call('dialog.open', { purpose, multiple });
      return paths.length ? paths : null;
    }
    return this.ask({ ...TITLES[purpose], multiple, extensions: OPEN_FILTERS[purpose]?.extensions });
  }

  /** A path to write, or null when the person cancelled. */
  async chooseSave(defaultName: string, extensions: string[]): Promise<string | null> {
    if (!session.browser) return (await call('dialog.save', { defaultName, extensions })).path;
    const paths = await this.ask({ title: `Save ${defaultName}`, mode: 'save', multiple: false, defaultName, extensions });
    return paths?.[0] ?? null;
  }

  private ask(request: Omit<PickRequest, 'resolve'>): Promise<string[] | null> {
    this.open?.resolve(null);
    return new Promise((resolve) => {
      this.open = {
        ...request,
        resolve: (paths) => {
          this.open = null;
          resolve(paths);
        },
      };
    });
  }
}

export const picker = new Picker();
