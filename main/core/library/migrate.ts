/**
 * Forward-only schema migrations: numbered SQL files in migrations/, each applied in its own
 * transaction together with the PRAGMA user_version that records it, so a library is always at
 * exactly one known version, even if the process dies mid-migration.
 *
 * A migration that rebuilds a table other tables reference starts with the line
 * `-- foreign_keys: off`: it then runs with foreign keys off (dropping the old table must not
 * cascade to its children), which SQLite allows to change only outside a transaction, and
 * every reference is checked (PRAGMA foreign_key_check) before its transaction commits.
 *
 * Owner of the schema and of PRAGMA user_version: the only SQL outside a table's owner is here,
 * the migration files. Each table has one owner module holding every statement on it, prepared
 * once per connection (statements.ts): presets, tags, preset_tags, collections,
 * collection_presets and preset_search → catalogue.ts; models and model_styles → models.ts;
 * jobs → jobs.ts; thumbnails → thumbnails.ts; learned_looks → learned-looks.ts (its look codes are
 * in its rows, not blobs); mix_sources → mix-sources.ts; the blob store (blobs/, no table) → blob-store.ts, whose unreferenced
 * files garbage.ts collects by asking each owner for the hashes it names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './database.js';
import { LibraryError } from './errors.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Runs with foreign keys off (a table rebuild), its references checked before committing. */
  readonly foreignKeysOff: boolean;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

let cached: Migration[] | undefined;

export function migrations(): Migration[] {
  if (cached) return cached;
  const list = readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{3}_[\w-]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(`${MIGRATIONS_DIR}${name}`, 'utf8');
      return { version: Number(name.slice(0, 3)), name, sql, foreignKeysOff: sql.startsWith('-- foreign_keys: off\n') };
    });
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 001, 002, … without gaps; found ${m.name} at position ${i + 1}`);
  });
  return (cached = list);
}

export function latestSchemaVersion(): number {
  return migrations().length;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the database's version, up to `target` (default: latest). */
export function migrate(db: Db, file: string, target = latestSchemaVersion()): void {
  for (const migration of migrations()) {
    if (migration.version > target) break;
    // Read the version inside the write transaction: another process may have migrated first.
    const apply = db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      if (migration.foreignKeysOff) {
        const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (broken.length > 0) throw new Error(`${broken.length} rows of ${broken[0].table} would name a missing ${broken[0].parent} row`);
      }
      db.pragma(`user_version = ${migration.version}`);
    });
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    try {
      if (migration.foreignKeysOff) db.pragma('foreign_keys = OFF');
      apply.immediate();
    } catch (error) {
      throw new LibraryError(
        file,
        `could not be upgraded to schema ${migration.version} (${migration.name}): ${(error as Error).message}; it was left at schema ${schemaVersion(db)}`,
        'damaged',
      );
    } finally {
      if (migration.foreignKeysOff) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  }
}
