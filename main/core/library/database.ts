/**
 * Opening the library database: refuse a file that is not ours, is damaged or is newer than
 * this program before anything writes to it; then WAL, foreign keys, a busy timeout (so a
 * second process waits for the write lock instead of failing) and the schema migrations.
 *
 * Owner of the connection and its settings (the PRAGMAs below); the tables have their own owners
 * (migrate.ts names them).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { LibraryError } from './errors.js';
import { latestSchemaVersion, migrate } from './migrate.js';
import { statementFor } from './statements.js';

export type Db = Database.Database;

/** PRAGMA application_id: "NLUT", so a library is told apart from other SQLite files. */
export const APPLICATION_ID = 0x4e4c5554;
/** How long a writer waits for another process's transaction before giving up. */
const BUSY_TIMEOUT_MS = 30_000;

/**
 * The Electron app's host process runs on Electron's Node, whose ABI differs from the Node
 * build in node_modules; it names a copy built for Electron here (main/electron/host-process/native-binding.ts).
 */
function nativeBinding(): Database.Options {
  const binding = process.env.NILUT_SQLITE_BINDING;
  return binding ? { nativeBinding: binding } : {};
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Checks an existing database read-only: it must be a SQLite file, pass quick_check, carry our
 * application id (or be empty) and a schema version this program knows.
 */
function inspectExisting(file: string): void {
  let db: Db | undefined;
  try {
    db = new Database(file, { ...nativeBinding(), readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new LibraryError(
        file,
        `is damaged (SQLite quick_check: ${String(check)}); it was left untouched — restore it from a backup or move it aside`,
        'damaged',
      );
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    // Any schema object (a view or a trigger as much as a table), or a schema version set by
    // someone, says the file is another program's: only a truly empty file may become a library.
    const objects = (statementFor({ db }, "SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }).n;
    if (applicationId !== APPLICATION_ID && (objects > 0 || version !== 0))
      throw new LibraryError(file, 'is a SQLite database but not a NILUT Studio library; it was left untouched', 'unsupported');
    if (version > latestSchemaVersion()) {
      throw new LibraryError(
        file,
        `was written by a newer NILUT Studio (schema ${version}, this program knows up to ${latestSchemaVersion()}); update NILUT Studio to open it — the library was not changed`,
        'unsupported',
      );
    }
  } catch (error) {
    if (error instanceof LibraryError) throw error;
    // SQLite says by its error code whether the file is no database or a corrupt one.
    const code = (error as { code?: unknown }).code;
    const reason = code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' ? 'damaged' : 'inaccessible';
    throw new LibraryError(file, `cannot be opened as a library database (${describe(error)}); it was left untouched`, reason);
  } finally {
    db?.close();
  }
}

/** Opens (creating if needed) the library database at `file`, migrated to the latest schema. */
export function openDatabase(file: string, options: { readonly targetVersion?: number } = {}): Db {
  if (existsSync(file)) inspectExisting(file);
  let db: Db;
  try {
    db = new Database(file, nativeBinding());
  } catch (error) {
    throw new LibraryError(file, `cannot be created (${describe(error)})`, 'inaccessible');
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // WAL with synchronous NORMAL is durable across application crashes; only a power loss can
    // drop the last transactions, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, file, options.targetVersion);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
