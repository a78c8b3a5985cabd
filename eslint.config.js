// ESLint for the whole tree, run by `npm test` (npm run lint). Besides the usual TypeScript and
// Svelte checks, the layering is a failing check here rather than prose: each folder of main/ is
// one runtime and layer (README, "How it is put together"), and the rules below say what it may
// import: Electron only in main/electron and the preload; no zod or Node in what runs in a page;
// no layer imports one above it; heavy libraries kept out of the CLI's start-up; no cycles.
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

/** Imports of folders of main/ (a relative path through `<folder>/`). */
const folders = (names, message) => ({ regex: String.raw`(^|/)(${names.join('|')})/`, message, allowTypeImports: true });

const ELECTRON = modules(['electron'], 'Electron is imported only by main/electron (the main process and the host process it starts) and the preload');
const NODE_ONLY = modules(
  ['zod', 'sharp', 'better-sqlite3', 'ws', 'commander', '@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm'],
  'this code is bundled into a page (or into every bundle): no zod and no Node-only library; names come from main/contract/channels.ts, types with `import type`',
);
const NO_NODE = { regex: '^node:', message: 'this code runs in a page (or in every runtime): no Node built-ins', allowTypeImports: true };
const HEAVY = {
  regex: '^(sharp|@tensorflow/)',
  message: 'TensorFlow.js and sharp take most of a second to load: reach them from the CLI through a dynamic import in the command that needs them',
  allowTypeImports: true,
};
/** The zod schemas: values for the host and Electron's main process only. */
const SCHEMAS = {
  regex: String.raw`(^|/)contract/schemas(\.js)?$`,
  message: 'schemas.ts holds the zod schemas, for whoever answers a channel: a page takes the request types from contract.ts',
  allowTypeImports: true,
};

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

  // The layers, lowest first: common ← contract ← core ← host ← the doors (cli, bridge, electron);
  // renderer and preload see only common and contract. Later entries for the same files replace
  // earlier ones, so each lists all its rules.
  {
    files: ['main/common/**/*.ts'],
    rules: restrict({
      paths: [...ELECTRON, ...NODE_ONLY],
      patterns: [
        NO_NODE,
        folders(['contract', 'core', 'host', 'cli', 'bridge', 'electron'], 'main/common is the bottom layer: it imports nothing of ours but common'),
      ],
    }),
  },
  {
    files: ['main/contract/**/*.ts'],
    rules: restrict({
      paths: [...ELECTRON, ...NODE_ONLY],
      patterns: [NO_NODE, folders(['core', 'host', 'cli', 'bridge', 'electron'], 'the contract is shared by every process: it imports only common and itself')],
    }),
  },
  // The one file of the contract with zod in it.
  {
    files: ['main/contract/schemas.ts'],
    rules: restrict({
      paths: [...ELECTRON, ...NODE_ONLY.filter((p) => p.name !== 'zod')],
      patterns: [NO_NODE, folders(['core', 'host', 'cli', 'bridge', 'electron'], 'the contract is shared by every process: it imports only common and itself')],
    }),
  },
  {
    files: ['main/core/**/*.ts'],
    rules: restrict({
      paths: ELECTRON,
      patterns: [folders(['contract', 'host', 'cli', 'bridge', 'electron'], 'main/core is imported by the host and the doors, never the other way round')],
    }),
  },
  {
    files: ['main/host/**/*.ts'],
    rules: restrict({
      paths: ELECTRON,
      patterns: [folders(['cli', 'bridge', 'electron'], 'the host is started by the doors (the CLI, the bridge, the host process) and imports none of them')],
    }),
  },
  {
    files: ['main/bridge/**/*.ts'],
    rules: restrict({ paths: ELECTRON, patterns: [folders(['cli', 'electron'], 'the bridge imports the host and the contract, not another door')] }),
  },
  { files: ['main/cli/**/*.ts'], rules: restrict({ paths: ELECTRON, patterns: [folders(['electron'], 'the CLI runs under plain Node')] }) },
  // What every CLI command loads (main.ts and its shared modules) and the library commands, which
  // browse a database: none of it may load TensorFlow.js or sharp.
  {
    files: ['main/cli/*.ts', 'main/cli/commands/library*.ts', 'main/cli/commands/with-library.ts'],
    rules: restrict({ paths: ELECTRON, patterns: [HEAVY, folders(['electron'], 'the CLI runs under plain Node')] }),
  },
  // The Electron main process only draws windows and moves messages; the host runs in the host process.
  // (It validates its own three channels with the host's dispatch and errors, which load nothing heavy.)
  {
    files: ['main/electron/main/**/*.ts'],
    rules: restrict({
      patterns: [
        {
          regex: String.raw`(^|/)(host/(handlers/|create-host|job-thread|current-photo)|core/(library/(?!location)|grading/|nilut/|preview/)|cli/|bridge/)`,
          message:
            "Electron's main process never runs the host or the library (better-sqlite3 is built for the host process's ABI): it talks to the host process through main/electron/host-process/client.ts",
          allowTypeImports: true,
        },
      ],
    }),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: restrict({
      paths: [...ELECTRON, ...NODE_ONLY],
      patterns: [NO_NODE, SCHEMAS, folders(['core', 'host', 'cli', 'bridge', 'electron'], 'the renderer sees main only through main/contract and main/common')],
    }),
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict({
      paths: NODE_ONLY,
      patterns: [
        NO_NODE,
        SCHEMAS,
        folders(
          ['core', 'host', 'cli', 'bridge', 'electron/main', 'electron/host-process'],
          'the preload sees main only through main/contract and main/common',
        ),
      ],
    }),
  },
);
