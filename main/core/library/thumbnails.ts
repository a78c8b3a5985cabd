/**
 * The thumbnail cache: a preset's preview on one photo at one size, stored as a blob.
 *
 * Owner of the thumbnails table: every statement on it is here, prepared once per connection.
 */
import type { Library } from './library.js';
import { now } from './clock.js';
import { ownStatements } from './statements.js';

export interface ThumbnailKey {
  readonly presetId: number;
  /** sha256 of the photo's bytes: a changed photo misses the cache. */
  readonly photoHash: string;
  /** Longest edge in pixels. */
  readonly size: number;
}

const statements = ownStatements({
  blobOf: { pluck: 'SELECT blob_hash FROM thumbnails WHERE preset_id = ? AND photo_hash = ? AND size = ?' },
  put: 'INSERT INTO thumbnails (preset_id, photo_hash, size, blob_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (preset_id, photo_hash, size) DO UPDATE SET blob_hash = excluded.blob_hash, created_at = excluded.created_at',
  blobHashes: { pluck: 'SELECT blob_hash FROM thumbnails' },
});

export function getThumbnail(library: Library, key: ThumbnailKey): Buffer | undefined {
  const hash = statements(library).blobOf.get(key.presetId, key.photoHash, key.size) as string | undefined;
  if (!hash || !library.blobs.has(hash)) return undefined;
  return library.blobs.read(hash);
}

export function putThumbnail(library: Library, key: ThumbnailKey, bytes: Uint8Array): void {
  library.db
    .transaction(() => {
      const hash = library.blobs.put(bytes);
      statements(library).put.run(key.presetId, key.photoHash, key.size, hash, now());
    })
    .immediate();
}

/** The blobs the thumbnails name (for collecting the unreferenced ones). */
export function thumbnailBlobHashes(library: Library): string[] {
  return statements(library).blobHashes.all() as string[];
}
