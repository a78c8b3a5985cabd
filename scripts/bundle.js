// Bundles what tsc does not build on its own: the Electron preload (one CommonJS file, as a
// sandboxed preload must be) and the Svelte renderer (one ES module + CSS + index.html + icon).
// Run after `tsc` by `npm run build`. `--watch` rebuilds the renderer on change;
// `--out=DIR` writes into DIR instead of dist/ (test/bundles.test.ts inspects a fresh build).
// Each bundle's esbuild metafile is written beside it (*.meta.json): which modules it holds.
import { build, context } from 'esbuild';
import sveltePlugin from 'esbuild-svelte';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? 'dist';

const preload = {
  entryPoints: ['preload/preload.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  outfile: path.join(out, 'preload', 'preload.cjs'),
  metafile: true,
  logLevel: 'warning',
};

const renderer = {
  entryPoints: ['renderer/main.ts'],
  bundle: true,
  format: 'esm',
  target: 'chrome120',
  outdir: path.join(out, 'renderer'),
  entryNames: 'app',
  mainFields: ['svelte', 'browser', 'module', 'main'],
  conditions: ['svelte', 'browser'],
  plugins: [sveltePlugin({ compilerOptions: { css: 'external' } })],
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
};

function writeMeta(result, file) {
  writeFileSync(file, JSON.stringify(result.metafile));
}

mkdirSync(path.join(out, 'renderer'), { recursive: true });
if (existsSync('preload/preload.ts')) writeMeta(await build(preload), path.join(out, 'preload', 'preload.meta.json'));
if (existsSync('renderer/main.ts')) {
  if (watch) await (await context(renderer)).watch();
  else writeMeta(await build(renderer), path.join(out, 'renderer', 'app.meta.json'));
  cpSync('renderer/index.html', path.join(out, 'renderer', 'index.html'));
  // The page's favicon (index.html names it), served by app:// and by the bridge.
  cpSync('resources/icons/32x32.png', path.join(out, 'renderer', 'icon.png'));
}
