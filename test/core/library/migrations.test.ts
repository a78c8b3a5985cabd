import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../main/core/library/blob-store.js';
import { getPreset, listPresets } from '../../../main/core/library/catalogue.js';
import { LibraryError } from '../../../main/core/library/errors.js';
import { DATABASE_NAME } from '../../../main/core/library/library.js';
import { latestSchemaVersion, schemaVersion } from '../../../main/core/library/migrate.js';
import { useTemporaryLibraries } from '../../support/library.js';

const libraries = useTemporaryLibraries();

/** Rows a library at each schema version could hold, written with that version's SQL only. */
const FILL: Record<number, string> = {
  1: `INSERT INTO models (id, blob_hash, units, layers, styles, parameters, created_at) VALUES (1, '${'b'.repeat(64)}', 8, 1, 2, 200, '2026-01-01');
      INSERT INTO model_styles VALUES (1, 0, 'Warm', '${'c'.repeat(64)}'), (1, 1, 'Cool', NULL);
      INSERT INTO presets (id, name, kind, source_format, original_name, lattice_size, content_hash, blob_hash, created_at, modified_at, notes)
        VALUES (1, 'Warm Film', 'lut', 'cube', 'warm.cube', 17, '${'c'.repeat(64)}', '${'c'.repeat(64)}', '2026-01-01', '2026-01-01', 'golden hour skin');
      INSERT INTO presets (id, name, kind, model_id, blend_weights, created_at, modified_at) VALUES (2, 'Half and half', 'blend', 1, '[0.5,0.5]', '2026-01-01', '2026-01-01');
      INSERT INTO tags (id, name) VALUES (1, 'portrait');
      INSERT INTO preset_tags VALUES (1, 1);
      INSERT INTO collections (id, name, created_at) VALUES (1, 'Weddings', '2026-01-01');
      INSERT INTO collection_presets VALUES (1, 1, '2026-01-01');`,
  2: `INSERT INTO jobs (kind, state, payload, created_at) VALUES ('fit', 'queued', '{"presetIds":[1]}', '2026-01-01');`,
  3: `INSERT INTO thumbnails VALUES (1, '${'d'.repeat(64)}', 256, '${'e'.repeat(64)}', '2026-01-01');`,
  4: `INSERT INTO learned_looks VALUES (1, '${'c'.repeat(64)}', 9, x'0109ff00', 4, 0.3, 0.9, 2.1, 0.5, 1, 1.5, '2026-01-01');`,
  5: `INSERT INTO presets (id, name, kind, created_at, modified_at) VALUES (3, 'Film and blend', 'mix', '2026-01-01', '2026-01-01');
      INSERT INTO mix_sources VALUES (3, 0, 1, 0.25), (3, 1, 2, 0.75);`,
  6: `UPDATE presets SET notes = 'golden hour skin, Kodachrome' WHERE id = 1;`,
  7: `INSERT INTO trash (removed_at, removal, blob_hashes) VALUES ('2026-01-01', '{"presets":[]}', '["${'f'.repeat(64)}"]');`,
};

/** Rows each version's children hold for preset 1, to see a rebuild of presets keep them. */
const CHILDREN: Record<number, [string, number]> = { 1: ['preset_tags', 1], 3: ['thumbnails', 1], 4: ['learned_looks', 1] };

function hashOf(file: string): string {
  return sha256Hex(readFileSync(file));
}

describe('schema migrations', () => {
  it('builds the latest schema from an empty library, with WAL, foreign keys and our application id', () => {
    const library = libraries.open();
    expect(schemaVersion(library.db)).toBe(latestSchemaVersion());
    expect(library.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(library.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(latestSchemaVersion()).toBeGreaterThanOrEqual(3);
  });

  it('keeps a mix and its sources at the latest schema, which refuses to orphan them', () => {
    const dir = libraries.dir();
    const library = libraries.open(dir);
    for (let v = 1; v <= latestSchemaVersion(); v++) library.db.exec(FILL[v]);
    expect(getPreset(library, 3)).toMatchObject({
      kind: 'mix',
      mixSources: [
        { presetId: 1, weight: 0.25 },
        { presetId: 2, weight: 0.75 },
      ],
    });
    expect(getPreset(library, 1).usedByMixes).toBe(1);
    expect(() => library.db.prepare('DELETE FROM presets WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
  });

  for (let from = 1; from < latestSchemaVersion(); from++) {
    it(`upgrades a library created at schema ${from}, keeping every row and making it searchable`, () => {
      const dir = libraries.dir();
      const old = libraries.open(dir, { schemaVersion: from });
      expect(schemaVersion(old.db)).toBe(from);
      for (let v = 1; v <= from; v++) old.db.exec(FILL[v]);
      old.close();

      const library = libraries.open(dir);
      expect(schemaVersion(library.db)).toBe(latestSchemaVersion());
      expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(library.db.pragma('foreign_key_check')).toEqual([]);
      const warm = getPreset(library, 1);
      expect(warm).toMatchObject({ name: 'Warm Film', tags: ['portrait'], collections: ['Weddings'], hasModel: true, latticeSize: 17 });
      expect(getPreset(library, 2).blendWeights).toEqual([0.5, 0.5]);
      // Rows that existed before the search index was added are found by it.
      expect(listPresets(library, { text: 'golden' }).map((p) => p.id)).toEqual([1]);
      expect(listPresets(library, { text: 'portr' }).map((p) => p.id)).toEqual([1]);
      // And inside words (006's trigram index), for rows from before it too.
      expect(listPresets(library, { text: 'arm ilm' }).map((p) => p.id)).toEqual([1]);
      expect(listPresets(library, { text: 'rtrai' }).map((p) => p.id)).toEqual([1]);
      if (from >= 2)
        expect(library.db.prepare('SELECT kind, state, payload FROM jobs').all()).toEqual([{ kind: 'fit', state: 'queued', payload: '{"presetIds":[1]}' }]);
      for (const [version, [table, rows]] of Object.entries(CHILDREN))
        if (from >= Number(version)) expect(library.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE preset_id = 1`).get()).toEqual({ n: rows });
      // Rows written after a rebuild of presets behave as before it: search, and the kinds' rules.
      expect(listPresets(library, { text: 'half' }).map((p) => p.id)).toEqual([2]);
      expect(() => library.db.prepare("INSERT INTO presets (name, kind, created_at, modified_at) VALUES ('x', 'blend', '2026', '2026')").run()).toThrow(
        /CHECK/,
      );
    });
  }

  it('refuses a library written by a newer program and leaves the file as it was', () => {
    const dir = libraries.dir();
    libraries.open(dir).close();
    const file = path.join(dir, DATABASE_NAME);
    const db = new Database(file);
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = hashOf(file);
    expect(() => libraries.open(dir)).toThrow(LibraryError);
    expect(() => libraries.open(dir)).toThrow(/newer NILUT Studio \(schema \d+, this program knows up to \d+\).*not changed/);
    expect(hashOf(file)).toBe(before);
  });

  it('reports a file that is not a database by name and leaves it untouched', () => {
    const dir = libraries.dir();
    const file = path.join(dir, DATABASE_NAME);
    writeFileSync(file, Buffer.from('this is a shopping list, not a library\n'.repeat(200)));
    const before = hashOf(file);
    expect(() => libraries.open(dir)).toThrow(new RegExp(`${DATABASE_NAME}: cannot be opened as a library database .*left untouched`));
    expect(hashOf(file)).toBe(before);
  });

  it('reports a truncated library as damaged and leaves it untouched', () => {
    const dir = libraries.dir();
    const library = libraries.open(dir);
    const insert = library.db.prepare(
      "INSERT INTO presets (name, kind, content_hash, blob_hash, created_at, modified_at, notes) VALUES (?, 'lut', ?, ?, '2026', '2026', ?)",
    );
    for (let i = 0; i < 400; i++) insert.run(`look ${i}`, sha256Hex(Buffer.from(String(i))), sha256Hex(Buffer.from(String(i))), 'x'.repeat(500));
    library.db.pragma('wal_checkpoint(TRUNCATE)');
    library.db.pragma('journal_mode = DELETE');
    library.close();
    const file = path.join(dir, DATABASE_NAME);
    const copy = `${file}.copy`;
    copyFileSync(file, copy);
    truncateSync(file, Math.floor(readFileSync(copy).length / 2));
    const before = hashOf(file);
    expect(() => libraries.open(dir)).toThrow(new RegExp(`${DATABASE_NAME}: (is damaged|cannot be opened).*left untouched`));
    expect(hashOf(file)).toBe(before);
  });

  it('refuses an SQLite file that belongs to another program', () => {
    const dir = libraries.dir();
    const db = new Database(path.join(dir, DATABASE_NAME));
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    db.close();
    expect(() => libraries.open(dir)).toThrow(/not a NILUT Studio library/);
  });

  it.each([
    ['only a view', 'CREATE VIEW answer AS SELECT 42 AS n'],
    ['only a schema version', 'PRAGMA user_version = 7'],
  ])('refuses an SQLite file of another program holding %s, and leaves it untouched', (_what, sql) => {
    const dir = libraries.dir();
    const file = path.join(dir, DATABASE_NAME);
    const db = new Database(file);
    db.exec(sql);
    db.close();
    const before = hashOf(file);
    expect(() => libraries.open(dir)).toThrow(/not a NILUT Studio library; it was left untouched/);
    expect(hashOf(file)).toBe(before);
  });
});
