import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bindingEnvironment,
  chooseSqliteBinding,
  defaultCacheRoot,
  electronBindingPath,
  SQLITE_BINDING_ENV,
} from '../../../main/electron/host-process/native-binding.js';
import { REPO_ROOT } from '../../support/paths.js';

const projectDir = REPO_ROOT;
const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;
const sqliteVersion = (require('better-sqlite3/package.json') as { version: string }).version;

const base = { electronVersion: '45.4.1', packaged: false, projectDir: '/src/nilut', platform: 'linux', arch: 'x64', sqliteVersion: '12.11.1' };

describe('chooseSqliteBinding', () => {
  it('uses node_modules under plain Node (the CLI and the tests)', () => {
    expect(chooseSqliteBinding({ ...base, electronVersion: undefined, exists: () => true })).toEqual({ kind: 'node-modules' });
  });

  it('uses node_modules in a packaged app (electron-builder rebuilt it for Electron)', () => {
    expect(chooseSqliteBinding({ ...base, packaged: true, exists: () => false })).toEqual({ kind: 'node-modules' });
  });

  it('uses the Electron copy in development, keyed by Electron, platform, arch and better-sqlite3', () => {
    const expected = path.join('/src/nilut', 'build', 'electron-native', 'electron-45.4.1-linux-x64', 'better-sqlite3-12.11.1', 'better_sqlite3.node');
    expect(chooseSqliteBinding({ ...base, exists: (f) => f === expected })).toEqual({ kind: 'electron-copy', path: expected });
  });

  it('asks for a new copy when Electron or better-sqlite3 changes version', () => {
    const built = electronBindingPath(defaultCacheRoot('/src/nilut'), base);
    const exists = (f: string) => f === built;
    expect(chooseSqliteBinding({ ...base, electronVersion: '46.0.0', exists }).kind).toBe('missing');
    expect(chooseSqliteBinding({ ...base, sqliteVersion: '12.12.0', exists }).kind).toBe('missing');
    expect(chooseSqliteBinding({ ...base, arch: 'arm64', exists }).kind).toBe('missing');
  });

  it('says what to run when the copy is missing', () => {
    const choice = chooseSqliteBinding({ ...base, exists: () => false });
    expect(choice.kind).toBe('missing');
    if (choice.kind === 'missing') {
      expect(choice.message).toContain('Electron 45.4.1');
      expect(choice.message).toContain('npm start');
      expect(choice.message).toContain(choice.path);
    }
  });

  it('names the copy to the host process through the environment, and nothing otherwise', () => {
    expect(bindingEnvironment({ kind: 'electron-copy', path: '/x/better_sqlite3.node' })).toEqual({ [SQLITE_BINDING_ENV]: '/x/better_sqlite3.node' });
    expect(bindingEnvironment({ kind: 'node-modules' })).toEqual({});
    expect(SQLITE_BINDING_ENV).toBe('NILUT_SQLITE_BINDING');
    expect(readFileSync(path.join(projectDir, 'main/core/library/database.ts'), 'utf8')).toContain(`process.env.${SQLITE_BINDING_ENV}`);
  });
});

function runScript(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/electron-native.js', ...args],
      { cwd: projectDir, timeout: 50_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('scripts/electron-native.js', () => {
  let cacheRoot: string;
  let server: Server;
  let deadUrl: string;

  beforeAll(async () => {
    cacheRoot = mkdtempSync(path.join(os.tmpdir(), 'nilut-electron-native-'));
    // Stands in for electronjs.org and GitHub without the network: every download is a 404.
    server = createServer((_request, response) => {
      response.statusCode = 404;
      response.end('not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    deadUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(cacheRoot, { recursive: true, force: true });
  });

  it('does nothing when the copy for this Electron is already built', async () => {
    const file = electronBindingPath(cacheRoot, { electronVersion, platform: process.platform, arch: process.arch, sqliteVersion });
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'built');
    try {
      const run = await runScript([`--cache-root=${cacheRoot}`, `--dist-url=${deadUrl}`, `--prebuild-host=${deadUrl}/`]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('already built');
      expect(readFileSync(file, 'utf8')).toBe('built');
    } finally {
      rmSync(path.dirname(path.dirname(file)), { recursive: true, force: true });
    }
  });

  it('fails with a clear message when neither a prebuilt binary nor the headers can be downloaded', async () => {
    // An .npmrc nodedir (passed on by npm) must not make node-gyp build against Node's headers.
    const run = await runScript([`--cache-root=${cacheRoot}`, `--dist-url=${deadUrl}`, `--prebuild-host=${deadUrl}/`], { npm_config_nodedir: '/usr' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Could not build better-sqlite3 for Electron ${electronVersion}`);
    expect(run.stderr).toContain('prebuilt binary: no prebuilt binary could be downloaded');
    expect(run.stderr).toContain(`could not download Electron ${electronVersion}'s headers from ${deadUrl}`);
    expect(run.stderr).toContain('npm start');
    expect(run.stderr).toContain('unaffected');
    // Nothing half-built is left to be mistaken for a binding.
    const file = electronBindingPath(cacheRoot, { electronVersion, platform: process.platform, arch: process.arch, sqliteVersion });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(path.dirname(file)) ? readdir(path.dirname(file)) : []).toEqual([]);
  });

  it('leaves the Node build in node_modules alone', async () => {
    const nodeBuild = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    const before = readFileSync(nodeBuild);
    await runScript([`--cache-root=${cacheRoot}`, '--no-prebuild', `--dist-url=${deadUrl}`]);
    expect(readFileSync(nodeBuild).equals(before)).toBe(true);
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(':memory:');
    expect(db.prepare('select 1 as one').get()).toEqual({ one: 1 });
    db.close();
  });
});

function readdir(dir: string): string[] {
  return require('node:fs').readdirSync(dir) as string[];
}
