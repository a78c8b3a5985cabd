/**
 * The sources of mix presets (blends of any presets): which presets a mix blends, in the order
 * chosen, with their weights. Owner of the mix_sources table (migration 005).
 */
import type { Library } from './library.js';
import { ownStatements } from './statements.js';

export interface MixSource {
  readonly presetId: number;
  /** This source's share of the mix; a mix's weights sum to 1. */
  readonly weight: number;
}

/** SQL for a preset's sources as JSON [[presetId, weight], …] in order, for the catalogue's preset query. */
export function mixSourcesJsonSql(presetId: string): string {
  return `(SELECT json_group_array(json_array(source_id, weight)) FROM (SELECT source_id, weight FROM mix_sources WHERE mix_id = ${presetId} ORDER BY position))`;
}

/** SQL for how many mixes use a preset directly, for the catalogue's preset query. */
export function mixesUsingSql(presetId: string): string {
  return `(SELECT count(DISTINCT mix_id) FROM mix_sources WHERE source_id = ${presetId})`;
}

const statements = ownStatements({
  insert: 'INSERT INTO mix_sources (mix_id, position, source_id, weight) VALUES (?, ?, ?, ?)',
  sourcesOf: 'SELECT source_id AS presetId, weight FROM mix_sources WHERE mix_id = ? ORDER BY position',
  mixesUsing: { pluck: 'SELECT DISTINCT mix_id FROM mix_sources WHERE source_id = ? ORDER BY mix_id' },
});

export function insertMixSources(library: Library, mixId: number, sources: readonly MixSource[]): void {
  sources.forEach((s, position) => statements(library).insert.run(mixId, position, s.presetId, s.weight));
}

export function sourcesOfMix(library: Library, mixId: number): MixSource[] {
  return statements(library).sourcesOf.all(mixId) as MixSource[];
}

/**
 * Every mix that depends on `presetId`, directly or through other mixes, users before what they
 * use (the order to delete them in: a source cannot go while a mix names it).
 */
export function mixesDependingOn(library: Library, presetId: number): number[] {
  const found: number[] = [];
  const visit = (id: number): void => {
    for (const mix of statements(library).mixesUsing.all(id) as number[]) {
      if (found.includes(mix)) continue;
      visit(mix);
      found.push(mix);
    }
  };
  // Post-order: a mix is listed after the mixes that use it.
  visit(presetId);
  return found;
}
