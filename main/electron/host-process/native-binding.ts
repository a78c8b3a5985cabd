/**
 * Which compiled better-sqlite3 the host process loads. better-sqlite3 is the one native
 * module tied to a runtime's ABI (sharp and tfjs-node use N-API): node_modules holds the build
 * for Node, which the CLI and the tests use, and Electron's Node cannot load it. So a
 * development run of the app loads a second copy built for Electron
 * (scripts/electron-native.js builds it once per Electron and better-sqlite3 version), named
 * to the host process through NILUT_SQLITE_BINDING (read by main/core/library/database.ts).
 * A packaged app needs none of this: electron-builder rebuilds node_modules for Electron
 * (npmRebuild in electron-builder.yml).
 */
import path from 'node:path';

export const SQLITE_BINDING_ENV = 'NILUT_SQLITE_BINDING';

export interface BindingTarget {
  readonly electronVersion: string;
  readonly platform: string;
  readonly arch: string;
  readonly sqliteVersion: string;
}

export type BindingChoice =
  /** The build in node_modules: plain Node, or a packaged app rebuilt by electron-builder. */
  | { readonly kind: 'node-modules' }
  | { readonly kind: 'electron-copy'; readonly path: string }
  | { readonly kind: 'missing'; readonly path: string; readonly message: string };

/** Where the Electron copy lives: one folder per Electron, platform, arch and better-sqlite3. */
export function electronBindingPath(cacheRoot: string, target: BindingTarget): string {
  return path.join(
    cacheRoot,
    `electron-${target.electronVersion}-${target.platform}-${target.arch}`,
    `better-sqlite3-${target.sqliteVersion}`,
    'better_sqlite3.node',
  );
}

export function defaultCacheRoot(projectDir: string): string {
  return path.join(projectDir, 'build', 'electron-native');
}

export function chooseSqliteBinding(options: {
  /** process.versions.electron: undefined under plain Node. */
  readonly electronVersion: string | undefined;
  readonly packaged: boolean;
  readonly projectDir: string;
  readonly platform: string;
  readonly arch: string;
  readonly sqliteVersion: string;
  readonly exists: (file: string) => boolean;
}): BindingChoice {
  if (options.electronVersion === undefined || options.packaged) return { kind: 'node-modules' };
  const file = electronBindingPath(defaultCacheRoot(options.projectDir), { ...options, electronVersion: options.electronVersion });
  if (options.exists(file)) return { kind: 'electron-copy', path: file };
  return {
    kind: 'missing',
    path: file,
    message:
      `better-sqlite3 has not been built for Electron ${options.electronVersion} yet (expected ${file}). ` +
      'Run "npm start", which builds it once (it needs network access for Electron\'s headers or a prebuilt binary).',
  };
}

/** The environment the host process needs for a choice. */
export function bindingEnvironment(choice: BindingChoice): Record<string, string> {
  return choice.kind === 'electron-copy' ? { [SQLITE_BINDING_ENV]: choice.path } : {};
}
