#!/usr/bin/env node
// The `nilut` command: a thin launcher for the compiled CLI (run `npm run build` after editing TypeScript).
import { runCli } from '../dist/main/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
