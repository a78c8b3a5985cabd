// ESLint for the whole tree, run by `npm test` (npm run lint). Besides the usual TypeScript and
// Svelte checks, the layering is a failing check here rather than prose: which runtime may import
// what (Electron only in the Electron main process and the preload; no zod or Node in what runs in
// a page; main/core imports no door), heavy libraries kept out of the CLI's start-up, no cycles.
// What a rule cannot see across files (a bundle's whole content, what a command loads at run
// time) is tested instead: test/bundles.test.ts, test/cli/lazy-loading.test.ts.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** An import of any of these modules, by name. */
const modules = (names, message) => names.map((name) => ({ name, message, allowTypeImports: true }));

/** A restriction on value imports (type-only imports are erased, so they cross any boundary). */
const restrict = (options) => ({ '@typescript-eslint/no-restricted-imports': ['error', { ...options }] });

const DOORS = { regex: String.raw`(^|/)(cli|ipc|electron|bridge)/`, message: 'main/core is imported by the doors (cli, ipc, electron, bridge), never the other way round', allowTypeImports: true };
const ELECTRON = modules(['electron'], 'Electron is imported only by the Electron main process (main/electron) and the preload');
const NODE_ONLY = [
  { regex: '^node:', message: 'a page has no Node: renderer and preload code is bundled for a sandboxed window', allowTypeImports: true },
  ...modules(['zod'], 'the schemas stay in main: import channel names from main/ipc/channels.ts and types with `import type`'),
  ...modules(['sharp', 'better-sqlite3', 'ws', '@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm'], 'a Node-only library cannot run in a page'),
];
const HEAVY = { regex: '^(sharp|@tensorflow/)', message: 'TensorFlow.js and sharp take most of a second to load: reach them from the CLI through a dynamic import in the command that needs them', allowTypeImports: true };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'release/', 'build/', 'bench/out/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'test/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Type-only imports are erased: a cycle through them is no cycle at run time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/*.svelte.ts'],
    // A variable a callback reads before it is assigned (a handle the callback needs) stays let.
    rules: { 'prefer-const': ['error', { ignoreReadBeforeAssign: true }] },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['renderer/**', 'preload/**', 'test/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    // The stores replace their Maps whole ($state.raw, copy on write), which Svelte tracks;
    // SvelteMap is for a map mutated in place.
    rules: { 'svelte/prefer-svelte-reactivity': 'off' },
  },

  // The layers. Later entries for the same files replace earlier ones, so each folder lists all its rules.
  { files: ['main/core/**/*.ts'], rules: restrict({ paths: ELECTRON, patterns: [DOORS] }) },
  { files: ['main/ipc/**/*.ts', 'main/bridge/**/*.ts'], rules: restrict({ paths: ELECTRON }) },
  { files: ['main/cli/**/*.ts'], rules: restrict({ paths: ELECTRON }) },
  // What every CLI command loads (main.ts and its shared modules) and the library commands, which
  // browse a database: none of it may load TensorFlow.js or sharp.
  { files: ['main/cli/*.ts', 'main/cli/commands/library*.ts', 'main/cli/commands/with-library.ts'], rules: restrict({ paths: ELECTRON, patterns: [HEAVY] }) },
  { files: ['renderer/**/*.ts', 'renderer/**/*.svelte'], rules: restrict({ paths: ELECTRON.concat(NODE_ONLY.filter((r) => r.name)), patterns: NODE_ONLY.filter((r) => r.regex) }) },
  { files: ['preload/**/*.ts'], rules: restrict({ paths: NODE_ONLY.filter((r) => r.name), patterns: NODE_ONLY.filter((r) => r.regex) }) },
);
