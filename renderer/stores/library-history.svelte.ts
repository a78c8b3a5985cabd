/**
 * Undo and redo of library edits and removals, in the order they were made (Ctrl/Cmd+Z,
 * Ctrl/Cmd+Shift+Z or Ctrl+Y). A step is what one action did (a rating of five selected presets
 * is one step), kept as the calls that take it back and make it again (library.svelte.ts). Applying a step answers the presets as main now has
 * them, so every view that shows one (the grid, the preset view's header and fields) shows
 * the same name after an undo.
 */
import type { PresetSummary } from '../../main/contract/contract.js';

export interface HistoryStep {
  /** What the step did ("rating", "remove"). */
  readonly label: string;
  /** Each answers the presets it changed as main now has them (none for a removal). */
  readonly undo: () => Promise<PresetSummary[]>;
  readonly redo: () => Promise<PresetSummary[]>;
}

/** Steps kept: far more than a session's worth of second thoughts, bounded all the same. */
const MAX_STEPS = 200;

class LibraryHistory {
  done = $state.raw<readonly HistoryStep[]>([]);
  undone = $state.raw<readonly HistoryStep[]>([]);
  private busy = false;

  record(step: HistoryStep): void {
    this.done = [...this.done, step].slice(-MAX_STEPS);
    this.undone = [];
  }

  /** Takes back the last step; the presets it changed as main now has them (none when nothing to undo). */
  async undo(): Promise<PresetSummary[]> {
    return this.move('undo');
  }

  async redo(): Promise<PresetSummary[]> {
    return this.move('redo');
  }

  private async move(direction: 'undo' | 'redo'): Promise<PresetSummary[]> {
    // One step at a time: a second Ctrl+Z before the first is answered would read a stale stack.
    if (this.busy) return [];
    const from = direction === 'undo' ? this.done : this.undone;
    const step = from.at(-1);
    if (!step) return [];
    this.busy = true;
    try {
      const changed = await (direction === 'undo' ? step.undo() : step.redo());
      if (direction === 'undo') {
        this.done = this.done.slice(0, -1);
        this.undone = [...this.undone, step];
      } else {
        this.undone = this.undone.slice(0, -1);
        this.done = [...this.done, step];
      }
      return changed;
    } finally {
      this.busy = false;
    }
  }
}

export const history = new LibraryHistory();

/** Whether a key press asks for undo or redo (Cmd on a Mac, Ctrl elsewhere; Ctrl+Y is Windows' redo). */
export function historyKey(e: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}
