/**
 * Statements prepared once per connection, the one place in main/ that calls prepare().
 * SQLite compiles SQL when it is prepared; better-sqlite3's advice is to prepare a statement
 * once and reuse it, inside db.transaction too. Each table's owner declares its statements with
 * ownStatements(): they are prepared on first use (so a library held at an older schema, as in
 * the migration tests, never prepares a statement for a table it lacks) and cached per
 * connection in WeakMaps keyed by the Database. A statement belongs to its connection: a
 * reopened library prepares its own, and the closed one's are dropped with it.
 */
import type Database from 'better-sqlite3';

type Db = Database.Database;
export type Statement = Database.Statement<unknown[], unknown>;

/** SQL text, or SQL text whose statement returns the first column only (better-sqlite3's pluck). */
export type StatementSql = string | { readonly pluck: string };

/** Anything that holds a connection: a Library, or a bare Database opened for a check. */
interface Connection {
  readonly db: Db;
}

/** Every statement prepared on a connection, in order (what the tests count). */
const prepared = new WeakMap<Db, Statement[]>();

function prepare(db: Db, sql: StatementSql): Statement {
  const statement = typeof sql === 'string' ? db.prepare(sql) : db.prepare(sql.pluck).pluck();
  let list = prepared.get(db);
  if (!list) prepared.set(db, (list = []));
  list.push(statement);
  return statement;
}

/**
 * An owner's statements: `const statements = ownStatements({ byId: 'SELECT …' })`, then
 * `statements(library).byId.get(id)`. Each is prepared the first time it is read on a
 * connection and the same Statement is returned ever after.
 */
export function ownStatements<const S extends Record<string, StatementSql>>(sql: S): (connection: Connection) => { readonly [K in keyof S]: Statement } {
  const perConnection = new WeakMap<Db, { readonly [K in keyof S]: Statement }>();
  return ({ db }) => {
    let statements = perConnection.get(db);
    if (!statements) {
      const built: Partial<Record<keyof S, Statement>> = {};
      const lazy = {};
      for (const name of Object.keys(sql) as (keyof S)[]) {
        Object.defineProperty(lazy, name, { enumerable: true, get: () => (built[name] ??= prepare(db, sql[name])) });
      }
      statements = lazy as { readonly [K in keyof S]: Statement };
      perConnection.set(db, statements);
    }
    return statements;
  };
}

const bySql = new WeakMap<Db, Map<string, Statement>>();

/**
 * A statement whose text varies (a filtered list with optional conditions, an IN list of any
 * length): prepared once per distinct text per connection. The texts are few (one per
 * combination of filters), so the cache stays small.
 */
export function statementFor(connection: Connection, sql: string): Statement {
  let cache = bySql.get(connection.db);
  if (!cache) bySql.set(connection.db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = prepare(connection.db, sql)));
  return statement;
}

/** The statements prepared on this connection so far, oldest first (better-sqlite3's objects). */
export function preparedStatements(connection: Connection): readonly Statement[] {
  return [...(prepared.get(connection.db) ?? [])];
}
