/** `nilut doctor`: which TensorFlow.js backend runs, with how many threads, and versions. */
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { initBackend } from '../../core/nilut/backend.js';
import { createOutput } from '../output.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('show the machine learning backend in use (tfjs-node, wasm or cpu), threads and versions')
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }) => {
      const backend = await initBackend();
      const report = {
        backend: backend.name,
        tfjs: backend.tfjsVersion,
        wasmSimd: backend.simd ?? null,
        wasmThreads: backend.threads ?? null,
        fallbackReasons: backend.fallbackReasons,
        cores: availableParallelism(),
        node: process.versions.node,
        sharp: sharp.versions.sharp,
        libvips: sharp.versions.vips,
      };
      const lines = [
        `backend:   ${report.backend}${backend.name === 'wasm' ? ` (SIMD ${report.wasmSimd ? 'on' : 'off'}, ${report.wasmThreads ? 'multi-threaded' : 'single-threaded'})` : ''}`,
        `cores:     ${report.cores} (LUT grading uses all; NILUT training runs on one thread)`,
        `versions:  node ${report.node}, tfjs ${report.tfjs}, sharp ${report.sharp}, libvips ${report.libvips}`,
        ...report.fallbackReasons.map((r) => `not used:  ${r}`),
      ];
      createOutput(Boolean(options.json)).result(report, lines.join('\n'));
    });
}
