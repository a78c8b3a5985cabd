// Bundles what tsc does not build on its own: the Electron preload (one CommonJS file, as a
// sandboxed preload must be) and the Svelte renderer (one ES module + CSS + index.html + icon).
// Run after `tsc` by `npm run build`. `--watch` rebuilds the renderer on change.
import { build, context } from 'esbuild';
import sveltePlugin from 'esbuild-svelte';
import { cpSync, existsSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');

const preload = {
  entryPoints: ['preload/preload.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  outfile: 'dist/preload/preload.cjs',
  logLevel: 'warning',
};

const renderer = {
  entryPoints: ['renderer/main.ts'],
  bundle: true,
  format: 'esm',
  target: 'chrome120',
  outdir: 'dist/renderer',
  entryNames: 'app',
  mainFields: ['svelte', 'browser', 'module', 'main'],
  conditions: ['svelte', 'browser'],
  plugins: [sveltePlugin({ compilerOptions: { css: 'external' } })],
  sourcemap: true,
  logLevel: 'warning',
};

mkdirSync('dist/renderer', { recursive: true });
if (existsSync('preload/preload.ts')) await build(preload);
if (existsSync('renderer/main.ts')) {
  if (watch) await (await context(renderer)).watch();
  else await build(renderer);
  cpSync('renderer/index.html', 'dist/renderer/index.html');
  // The page's favicon (index.html names it), served by app:// and by the bridge.
  cpSync('resources/icons/32x32.png', 'dist/renderer/icon.png');
}
