/**
 * Thumbnails of the current photo through each preset, as Blob URLs. Asked for in batches (one
 * call per visible page, not one per card); every URL is revoked when the photo changes or a
 * thumbnail is replaced, so a long session does not pile up blobs. A larger size (bigger cards)
 * asks again, showing the smaller thumbnails until the sharper ones arrive.
 */
import { LIMITS } from '../../main/contract/limits.js';
import { call, errorText } from '../api.js';

/** Presets per 'preview.thumbnails' call: well below the contract's limit, so each answer arrives in good time. */
export const THUMBNAILS_PER_CALL = Math.min(48, LIMITS.maxThumbnailsPerCall);

type Entry = { url: string | null; error: string | null };

class Thumbnails {
  entries = $state.raw<ReadonlyMap<number, Entry>>(new Map());
  private photoHash: string | null = null;
  private size: number | null = null;
  private asked = new Set<number>();
  private generation = 0;

  /** Fetches what is missing for these presets of this photo. */
  async ensure(photoHash: string | null, presetIds: readonly number[], size = 256): Promise<void> {
    if (photoHash !== this.photoHash) this.clear(photoHash);
    if (size !== this.size) this.resize(size);
    if (!photoHash) return;
    const missing = presetIds.filter((id) => !this.asked.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.asked.add(id);
    const generation = this.generation;
    for (let i = 0; i < missing.length; i += THUMBNAILS_PER_CALL) {
      const batch = missing.slice(i, i + THUMBNAILS_PER_CALL);
      try {
        const thumbs = await call('preview.thumbnails', { presetIds: batch, size });
        if (generation !== this.generation) return;
        const next = new Map(this.entries);
        for (const t of thumbs) {
          const old = next.get(t.presetId)?.url;
          if (old) URL.revokeObjectURL(old);
          const url = t.jpeg ? URL.createObjectURL(new Blob([t.jpeg as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' })) : null;
          next.set(t.presetId, { url, error: t.error });
        }
        this.entries = next;
      } catch (error) {
        if (generation !== this.generation) return;
        const next = new Map(this.entries);
        for (const id of batch) next.set(id, { url: null, error: errorText(error) });
        this.entries = next;
      }
    }
  }

  /** Asks every preset again at the new size; what is shown stays until it is replaced. */
  private resize(size: number): void {
    this.size = size;
    this.asked = new Set();
    this.generation++;
  }

  private clear(photoHash: string | null): void {
    for (const e of this.entries.values()) if (e.url) URL.revokeObjectURL(e.url);
    this.entries = new Map();
    this.asked = new Set();
    this.photoHash = photoHash;
    this.generation++;
  }
}

export const thumbnails = new Thumbnails();
