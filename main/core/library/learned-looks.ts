/**
 * The library's learned looks: one compact look per LUT preset (its look code and its ΔE2000
 * against the LUT), kept with the content hash of the LUT it was learned from. A look is
 * current while that hash is its preset's content hash; the learn job learns the LUT presets
 * without a current look, and removing a preset removes its look (ON DELETE CASCADE).
 *
 * Owner of the learned_looks table: every statement on it is here, prepared once per connection.
 * The codes are stored in the row (a few KB each), not in the blob store: garbage.ts has
 * nothing to collect for them.
 */
import type { StoredFidelity } from '../compact/looks-file.js';
import type { Library } from './library.js';
import { now } from './clock.js';
import { ownStatements } from './statements.js';

export interface LearnedLookRecord {
  readonly presetId: number;
  /** The preset's name (what a looks file calls the look). */
  readonly name: string;
  /** sha256 of the LUT the look was learned from. */
  readonly sourceHash: string;
  /** Whether the preset's LUT is still the one learned (its content hash is sourceHash). */
  readonly current: boolean;
  /** Lattice points per axis. */
  readonly size: number;
  readonly code: Uint8Array;
  /** The code's length. */
  readonly bytes: number;
  /** ΔE2000 against the LUT: held-out photographic colours (mean, p95, max) and the 33³ grid (mean). */
  readonly fidelity: StoredFidelity;
  /** Whether it met the fidelity goal (COMPACT_DEFAULTS.goalMean and goalP95). */
  readonly metGoal: boolean;
  /** Seconds spent learning it here; null for a look imported from a looks file. */
  readonly seconds: number | null;
  readonly createdAt: string;
}

export interface NewLearnedLook {
  readonly presetId: number;
  /** The content hash the preset had when its LUT was read: the look is saved only if it still has it. */
  readonly sourceHash: string;
  readonly size: number;
  readonly code: Uint8Array;
  readonly fidelity: StoredFidelity;
  readonly metGoal: boolean;
  readonly seconds: number | null;
}

interface LearnedLookRow {
  preset_id: number;
  name: string;
  source_hash: string;
  current: number;
  lattice_size: number;
  code: Buffer;
  bytes: number;
  delta_e_mean: number;
  delta_e_p95: number;
  delta_e_max: number;
  grid_delta_e_mean: number;
  met_goal: number;
  seconds: number | null;
  created_at: string;
}

const SELECT_LOOK = 'SELECT l.*, p.name, l.source_hash = p.content_hash AS current FROM learned_looks l JOIN presets p ON p.id = l.preset_id';

const statements = ownStatements({
  // Written only while the preset is still the LUT that was read: a preset removed or changed
  // while its look was being learned gets no look (and no foreign-key error mid-job).
  save: `INSERT INTO learned_looks (preset_id, source_hash, lattice_size, code, bytes, delta_e_mean, delta_e_p95, delta_e_max, grid_delta_e_mean, met_goal, seconds, created_at)
    SELECT id, content_hash, @size, @code, @bytes, @mean, @p95, @max, @gridMean, @metGoal, @seconds, @createdAt
    FROM presets WHERE id = @presetId AND kind = 'lut' AND content_hash = @sourceHash
    ON CONFLICT (preset_id) DO UPDATE SET source_hash = excluded.source_hash, lattice_size = excluded.lattice_size, code = excluded.code,
      bytes = excluded.bytes, delta_e_mean = excluded.delta_e_mean, delta_e_p95 = excluded.delta_e_p95, delta_e_max = excluded.delta_e_max,
      grid_delta_e_mean = excluded.grid_delta_e_mean, met_goal = excluded.met_goal, seconds = excluded.seconds, created_at = excluded.created_at`,
  byPreset: `${SELECT_LOOK} WHERE l.preset_id = ?`,
  current: `${SELECT_LOOK} WHERE l.source_hash = p.content_hash ORDER BY p.id`,
  unlearned: {
    pluck: `SELECT p.id FROM presets p WHERE p.kind = 'lut'
      AND NOT EXISTS (SELECT 1 FROM learned_looks l WHERE l.preset_id = p.id AND l.source_hash = p.content_hash) ORDER BY p.id`,
  },
});

function toRecord(row: LearnedLookRow): LearnedLookRecord {
  return {
    presetId: row.preset_id,
    name: row.name,
    sourceHash: row.source_hash,
    current: row.current === 1,
    size: row.lattice_size,
    code: new Uint8Array(row.code.buffer, row.code.byteOffset, row.code.byteLength),
    bytes: row.bytes,
    fidelity: { mean: row.delta_e_mean, p95: row.delta_e_p95, max: row.delta_e_max, gridMean: row.grid_delta_e_mean },
    metGoal: row.met_goal === 1,
    seconds: row.seconds,
    createdAt: row.created_at,
  };
}

/**
 * Saves (or replaces) a preset's look; one statement, so it is its own transaction when called
 * alone, or part of the caller's (an import storing the preset and its look together).
 * Returns false when the preset is gone or its LUT is no longer the one the look was learned from.
 */
export function saveLearnedLook(library: Library, look: NewLearnedLook): boolean {
  const { fidelity } = look;
  const info = statements(library).save.run({
    presetId: look.presetId,
    sourceHash: look.sourceHash,
    size: look.size,
    code: Buffer.from(look.code.buffer, look.code.byteOffset, look.code.byteLength),
    bytes: look.code.length,
    mean: fidelity.mean,
    p95: fidelity.p95,
    max: fidelity.max,
    gridMean: fidelity.gridMean,
    metGoal: look.metGoal ? 1 : 0,
    seconds: look.seconds,
    createdAt: now(),
  });
  return info.changes > 0;
}

/** A preset's learned look, current or not. */
export function learnedLookOf(library: Library, presetId: number): LearnedLookRecord | undefined {
  const row = statements(library).byPreset.get(presetId) as LearnedLookRow | undefined;
  return row && toRecord(row);
}

/** Every current learned look, by preset id: together, the library model. */
export function currentLearnedLooks(library: Library): LearnedLookRecord[] {
  return (statements(library).current.all() as LearnedLookRow[]).map(toRecord);
}

/** The LUT presets without a current look (never learned, or their LUT changed), by id. */
export function unlearnedLutPresets(library: Library): number[] {
  return statements(library).unlearned.all() as number[];
}

/** A preset's look as the trash keeps it: JSON, its code as base64. */
export interface StoredLearnedLook extends Omit<NewLearnedLook, 'code'> {
  readonly code: string;
}

export function storedLearnedLook(library: Library, presetId: number): StoredLearnedLook | undefined {
  const look = learnedLookOf(library, presetId);
  if (!look) return undefined;
  const { sourceHash, size, fidelity, metGoal, seconds } = look;
  return { presetId, sourceHash, size, code: Buffer.from(look.code).toString('base64'), fidelity, metGoal, seconds };
}

/** Puts back a look the trash kept (its preset restored first, with the LUT it was learned from). */
export function restoreLearnedLook(library: Library, stored: StoredLearnedLook): void {
  saveLearnedLook(library, { ...stored, code: new Uint8Array(Buffer.from(stored.code, 'base64')) });
}
