// Builds better-sqlite3 for Electron's ABI into build/electron-native/ (beside, not over, the
// Node build in node_modules that the CLI and tests use), once per Electron, platform, arch
// and better-sqlite3 version; `npm start` runs it before launching the app. A prebuilt binary
// is tried first (prebuild-install, from better-sqlite3's GitHub releases), then a build from
// source with node-gyp against Electron's headers. Both need the network the first time.
//
// Run with tsx (it imports the path logic the app shares, main/electron/host-process/native-binding.ts):
//   node --import tsx scripts/electron-native.js [--force] [--no-prebuild]
//     [--cache-root=DIR] [--dist-url=URL] [--prebuild-host=URL]
// --dist-url and --prebuild-host exist so a test can aim both downloads at a dead address.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheRoot, electronBindingPath } from '../main/electron/host-process/native-binding.ts';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(projectDir, 'package.json'));

function option(name, fallback) {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg ? arg.slice(prefix.length) : fallback;
}
const force = process.argv.includes('--force');
const tryPrebuild = !process.argv.includes('--no-prebuild');
const cacheRoot = path.resolve(option('cache-root', defaultCacheRoot(projectDir)));
const distUrl = option('dist-url', 'https://electronjs.org/headers');
const prebuildHost = option('prebuild-host', undefined);

const electronVersion = require('electron/package.json').version;
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = require('better-sqlite3/package.json').version;
const target = { electronVersion, platform: process.platform, arch: process.arch, sqliteVersion };
const out = electronBindingPath(cacheRoot, target);

/** The lines of a tool's output that say what went wrong, not its stack or banner. */
function gist(text) {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const telling = lines.filter((line) => /gyp http GET|ERR! stack \w*Error|^prebuild-install (warn|err)|error:/i.test(line));
  return (telling.length > 0 ? telling : lines).slice(0, 6).join('\n    ');
}

/**
 * The environment for the build tools, without a nodedir: npm passes an .npmrc `nodedir`
 * (e.g. /usr for a distribution's Node headers) as npm_config_nodedir, and node-gyp would then
 * build against Node's headers instead of Electron's, silently, for the wrong ABI.
 */
function buildEnvironment(extra) {
  const env = { ...process.env, ...extra };
  for (const name of Object.keys(env)) if (/^npm_config_nodedir$/i.test(name)) delete env[name];
  return env;
}

function run(label, args, cwd, env) {
  const result = spawnSync(process.execPath, args, { cwd, env: buildEnvironment(env), encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, label, output };
}

/** Why node-gyp failed, in words: offline, the cause is that Electron's headers cannot be fetched. */
function explainSourceFailure(output) {
  if (/install got an error|headers\.tar\.gz|SHASUMS256/i.test(output) && !/gyp info spawn make|gyp info spawn msbuild/i.test(output)) {
    return `could not download Electron ${electronVersion}'s headers from ${distUrl} (no network access?)`;
  }
  if (/could not find any Python|find Python.*not found/i.test(output)) return 'node-gyp needs Python 3 to build from source';
  if (/gyp info spawn (make|msbuild)/i.test(output)) return 'the C++ build failed (building from source needs a C++20 compiler)';
  return 'node-gyp failed';
}

function build(stage) {
  cpSync(sqliteDir, stage, { recursive: true, filter: (source) => !source.startsWith(path.join(sqliteDir, 'build')) });
  const built = path.join(stage, 'build', 'Release', 'better_sqlite3.node');
  const attempts = [];
  if (tryPrebuild) {
    const prebuild = require.resolve('prebuild-install/bin.js', { paths: [sqliteDir] });
    const env = prebuildHost ? { npm_config_better_sqlite3_binary_host: prebuildHost } : {};
    const attempt = run(
      'prebuilt binary',
      [prebuild, '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`, `--platform=${process.platform}`],
      stage,
      env,
    );
    attempts.push({ ...attempt, reason: 'no prebuilt binary could be downloaded' });
    if (attempt.ok && existsSync(built)) return { built, attempts };
  }
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    `--dist-url=${distUrl}`,
    `--devdir=${path.join(cacheRoot, 'headers')}`,
  ];
  const attempt = run('build from source', args, stage, {});
  attempts.push({ ...attempt, reason: explainSourceFailure(attempt.output) });
  return { built: attempt.ok && existsSync(built) ? built : null, attempts };
}

if (existsSync(out) && !force) {
  console.log(
    `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch}) is already built: ${path.relative(projectDir, out)}`,
  );
  process.exit(0);
}

mkdirSync(path.dirname(out), { recursive: true });
const stage = mkdtempSync(path.join(path.dirname(out), 'stage-'));
try {
  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})…`);
  const { built, attempts } = build(stage);
  if (!built) {
    const details = attempts.map((a) => `  - ${a.label}: ${a.reason}\n    ${gist(a.output)}`).join('\n');
    console.error(
      `Could not build better-sqlite3 for Electron ${electronVersion}:\n${details}\n` +
        'The desktop app needs this copy once per Electron version; connect to the network and run "npm start" again. ' +
        'The nilut CLI and the tests are unaffected (they use the Node build in node_modules).',
    );
    process.exitCode = 1;
  } else {
    // Copied under a temporary name and renamed, so a half-written file never looks built.
    copyFileSync(built, `${out}.partial`);
    renameSync(`${out}.partial`, out);
    console.log(`Built ${path.relative(projectDir, out)}`);
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
