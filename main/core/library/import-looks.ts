/**
 * Importing a compact looks file (.nilut format 2): each look becomes a LUT preset whose
 * stored file is its decoded lattice as a .cube, with its learned look taken from the file
 * (its code and fidelity: nothing is learned again). Each look is stored in one transaction
 * (blob, preset row, learned look), so a kill leaves whole looks or none.
 *
 * Identity: a look's preset takes the file's source hash (the LUT it was learned from) as its
 * content hash when there is one, else the .cube's own hash, and its learned look names the
 * same hash. So the look is current (learning skips it), importing the file again or the
 * original LUT is a duplicate under the importer's rule (same content, one preset), and a
 * network model fitted from that LUT elsewhere is recognised as its model.
 */
import path from 'node:path';
import { COMPACT_DEFAULTS } from '../compact/compact-defaults.js';
import type { DecodedLook } from '../compact/looks-file.js';
import { decodeLooksFile } from '../compact/looks-file.js';
import { writeCube } from '../lut/cube-write.js';
import { sha256Hex } from './blob-store.js';
import { findPresetByContent, insertLutPreset } from './catalogue.js';
import { saveLearnedLook } from './learned-looks.js';
import type { Library } from './library.js';
import { now } from './clock.js';

export interface LooksFileImport {
  readonly imported: number[];
  /** Looks whose LUT (or look) the library holds already: the preset that has it. */
  readonly duplicates: number[];
}

/** A look's name as a preset name: 1 to 200 characters, no control characters. */
function presetName(look: DecodedLook, index: number): string {
  // eslint-disable-next-line no-control-regex -- names are shown and searched: no control characters
  const spoken = look.name.replace(/[\x00-\x1f]+/g, ' ');
  return spoken.trim().slice(0, 200) || `Look ${index + 1}`;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function storeLook(library: Library, look: DecodedLook, name: string): { presetId: number; duplicate: boolean } {
  const cube = Buffer.from(writeCube(look.lattice, { title: name }), 'utf8');
  const contentHash = look.sourceHash ?? sha256Hex(cube);
  const existing = findPresetByContent(library, contentHash);
  if (existing) return { presetId: existing.id, duplicate: true };
  const store = library.db.transaction(() => {
    const blobHash = library.blobs.put(cube);
    const row = { name, sourceFormat: 'cube', originalName: `${name}.cube`, latticeSize: look.lattice.size, contentHash, blobHash };
    const presetId = insertLutPreset(library, row, now());
    saveLearnedLook(library, {
      presetId,
      sourceHash: contentHash,
      size: look.lattice.size,
      code: look.code,
      fidelity: look.fidelity,
      // The goal as learning judges it, on the file's figures (kept to a thousandth).
      metGoal: look.fidelity.mean <= COMPACT_DEFAULTS.goalMean && look.fidelity.p95 <= COMPACT_DEFAULTS.goalP95,
      seconds: null,
    });
    return { presetId, duplicate: false };
  });
  try {
    return store.immediate();
  } catch (error) {
    // Another process stored the same look between our check and our insert.
    const raced = isUniqueViolation(error) ? findPresetByContent(library, contentHash) : undefined;
    if (raced) return { presetId: raced.id, duplicate: true };
    throw error;
  }
}

/** Adds every look of a looks file (already read; `file` names it in errors). */
export function importLooksFile(library: Library, file: string, bytes: Uint8Array): LooksFileImport {
  const looks = decodeLooksFile(bytes, path.basename(file));
  const imported: number[] = [];
  const duplicates: number[] = [];
  looks.forEach((look, i) => {
    const { presetId, duplicate } = storeLook(library, look, presetName(look, i));
    (duplicate ? duplicates : imported).push(presetId);
  });
  return { imported, duplicates };
}
