/**
 * The library as the grid shows it: the presets the filter lists, the selection, the tags and
 * collections for the filter menus, the library model's size, and the result of the last import.
 */
import type { ImportResult, LibraryModelInfo, PresetSummary, Response } from '../../main/contract/contract.js';
import { call, errorText } from '../api.js';
import { CARD_SIZE } from '../lib/card-size.js';
import { uploadBatches, withBytes } from '../lib/dropped-files.js';
import { inverseEdit, isEmptyPatch, type PresetPatch } from '../lib/edit-inverse.js';
import { emptyFilter, listRequest, type LibraryFilter } from '../lib/library-filter.js';
import { EMPTY_SELECTION, keepListed, type Selection } from '../lib/selection.js';
import { history } from './library-history.svelte.js';

/** Sends edits one after another (each answered before the next), the presets as main now has them. */
async function applyEdits(edits: readonly { id: number; patch: PresetPatch }[]): Promise<PresetSummary[]> {
  const changed: PresetSummary[] = [];
  for (const e of edits) changed.push(await call('library.edit', { id: e.id, ...e.patch }));
  return changed;
}

class Library {
  presets = $state.raw<PresetSummary[]>([]);
  filter = $state<LibraryFilter>(emptyFilter());
  selection = $state.raw<Selection>(EMPTY_SELECTION);
  tags = $state.raw<{ name: string; count: number }[]>([]);
  collections = $state.raw<{ name: string; count: number }[]>([]);
  /** Every current learned look as one compact looks file (null until the first listing). */
  model = $state.raw<LibraryModelInfo | null>(null);
  loaded = $state(false);
  error = $state<string | null>(null);
  importing = $state(false);
  importResult = $state.raw<ImportResult | null>(null);
  importError = $state<string | null>(null);
  /** The grid's card width in CSS pixels (the header's size slider, `=` and `-`). */
  cardSize = $state<number>(CARD_SIZE.initial);
  private refreshSeq = 0;

  async refresh(): Promise<void> {
    const seq = ++this.refreshSeq;
    try {
      const [presets, tags] = await Promise.all([call('library.list', listRequest(this.filter)), call('library.tags', {})]);
      // A slower answer to an older filter must not replace a newer one.
      if (seq !== this.refreshSeq) return;
      this.presets = presets;
      this.tags = tags.tags;
      this.collections = tags.collections;
      this.model = tags.model;
      this.selection = keepListed(
        this.selection,
        presets.map((p) => p.id),
      );
      this.error = null;
    } catch (error) {
      if (seq === this.refreshSeq) this.error = errorText(error);
    } finally {
      if (seq === this.refreshSeq) this.loaded = true;
    }
  }

  byId(id: number | null): PresetSummary | undefined {
    return this.presets.find((p) => p.id === id);
  }

  replace(preset: PresetSummary): void {
    this.presets = this.presets.map((p) => (p.id === preset.id ? preset : p));
  }

  /**
   * One edit of every preset in `before` (as they are now), saved through 'library.edit' and kept
   * as one undo step. Answers the presets as main now has them; the grid shows them at once.
   * Presets the edit would not change are not sent (rating five presets of which two have 3 stars).
   */
  async edit(before: readonly PresetSummary[], patch: PresetPatch, label: string): Promise<PresetSummary[]> {
    const undo: { id: number; patch: PresetPatch }[] = [];
    const changed: PresetSummary[] = [];
    try {
      for (const preset of before) {
        const inverse = inverseEdit(preset, patch);
        if (isEmptyPatch(inverse)) continue;
        changed.push(await call('library.edit', { id: preset.id, ...patch }));
        undo.push({ id: preset.id, patch: inverse });
      }
    } finally {
      // What was saved before a failure is undoable too.
      if (undo.length) {
        const redo = undo.map((e) => ({ id: e.id, patch }));
        history.record({ label, undo: () => applyEdits([...undo].reverse()), redo: () => applyEdits(redo) });
      }
      for (const p of changed) this.replace(p);
    }
    return changed;
  }

  /**
   * Removes presets (and what goes with them: 'library.remove'), kept in main's trash so that
   * undo puts them back; redo removes them again.
   */
  async remove(ids: readonly number[]): Promise<Response<'library.remove'>> {
    let result = await call('library.remove', { ids: [...ids] });
    const answer = result;
    history.record({
      label: 'remove',
      undo: async () => {
        await call('library.restore', { trashIds: result.trashIds });
        await this.refresh();
        return [];
      },
      redo: async () => {
        result = await call('library.remove', { ids: [...ids] });
        await this.refresh();
        return [];
      },
    });
    return answer;
  }

  /** Undo or redo the last library edit; the presets it changed, as main now has them. */
  async step(direction: 'undo' | 'redo'): Promise<PresetSummary[]> {
    const changed = direction === 'undo' ? await history.undo() : await history.redo();
    for (const p of changed) this.replace(p);
    return changed;
  }

  async importPaths(paths: string[]): Promise<void> {
    await this.importing_(() => call('library.import', { paths }));
  }

  /**
   * Files dropped on a browser page. `skipped`: files of dropped folders that are not presets,
   * left out of the upload (dropped-files.ts). A drop larger than one call may carry is sent
   * in several, one call's bytes read at a time, and reported as one import.
   */
  async importFiles(files: readonly File[], skipped: readonly string[] = []): Promise<void> {
    const { batches, refused } = uploadBatches(files);
    const report = { imported: [], duplicates: [], failed: refused, skipped: [...skipped], learnJob: null } as {
      -readonly [K in keyof ImportResult]: ImportResult[K];
    };
    if (batches.length === 0) {
      this.importError = null;
      this.importResult = report;
      return;
    }
    await this.importing_(async () => {
      for (const batch of batches) {
        const result = await call('library.importFiles', { files: await withBytes(batch) });
        report.imported.push(...result.imported);
        report.duplicates.push(...result.duplicates);
        report.failed.push(...result.failed);
        report.skipped.push(...result.skipped);
        report.learnJob = result.learnJob ?? report.learnJob;
      }
      return report;
    });
  }

  private async importing_(run: () => Promise<ImportResult>): Promise<void> {
    this.importing = true;
    this.importError = null;
    try {
      // The grid follows through 'library.changed', which main sends when anything was added.
      this.importResult = await run();
    } catch (error) {
      this.importError = errorText(error);
    } finally {
      this.importing = false;
    }
  }
}

export const library = new Library();
