/**
 * bench:big-lut — the largest LUT a .cube may hold (256³, about half a gigabyte of text), read
 * and applied by `nilut info` / `nilut apply` and by `ffmpeg -vf lut3d` in the same run: the
 * seconds and peak resident memory of each process, their ratios, and how far the two graded
 * photos are apart (code values, 8-bit). The LUT is LUT01.cube resampled by `nilut convert`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { MAX_LATTICE_SIZE } from '../main/common/lattice-sizes.js';
import { BENCH_OUT, FIXTURES, ROOT } from './paths.js';

const LUT01 = path.join(FIXTURES, 'nilut-paper/LUT01.cube');
const PHOTO = path.join(FIXTURES, 'photos/kodim23.png');
const NILUT = path.join(ROOT, 'bin/nilut.js');

// Loaded before the CLI with --import: writes its peak RSS (kilobytes, worker threads included) at exit.
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.NILUT_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));",
)}`;

interface Measured {
  readonly seconds: number;
  readonly peakMb: number;
}

function run(command: string, args: string[]): { seconds: number; stderr: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}`);
  return { seconds: (performance.now() - started) / 1000, stderr: result.stderr };
}

function nilut(args: string[]): Measured {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nilut-bench-rss-'));
  const rssFile = path.join(dir, 'rss');
  try {
    process.env.NILUT_BENCH_RSS_FILE = rssFile;
    const { seconds } = run(process.execPath, ['--import', RSS_HOOK, NILUT, ...args]);
    return { seconds, peakMb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ffmpeg measures itself: -benchmark prints "bench: maxrss=…kB" as it exits. */
function ffmpeg(args: string[]): Measured {
  const { seconds, stderr } = run('ffmpeg', ['-hide_banner', '-nostats', '-benchmark', '-y', ...args]);
  const maxrss = /maxrss=(\d+)\s*[kK]i?B/.exec(stderr);
  if (!maxrss) throw new Error(`ffmpeg -benchmark printed no maxrss:\n${stderr}`);
  return { seconds, peakMb: Number(maxrss[1]) / 1024 };
}

async function rgb(file: string): Promise<Buffer> {
  return (await sharp(file).removeAlpha().raw().toBuffer()) as Buffer;
}

function line(label: string, m: Measured): string {
  return `${label.padEnd(34)} ${m.seconds.toFixed(2).padStart(6)} s  ${m.peakMb.toFixed(0).padStart(5)} MB peak`;
}

async function main(): Promise<void> {
  mkdirSync(BENCH_OUT, { recursive: true });
  const size = MAX_LATTICE_SIZE;
  const big = path.join(BENCH_OUT, `LUT01-${size}.cube`);
  // Written beside and renamed, so an interrupted run never leaves a truncated LUT to measure.
  const partial = path.join(BENCH_OUT, `LUT01-${size}.partial.cube`);
  const made = nilut(['convert', LUT01, partial, '--size', String(size), '--overwrite']);
  renameSync(partial, big);
  const mb = statSync(big).size / 1e6;
  const ours = path.join(BENCH_OUT, 'big-lut-ours.png');
  const theirs = path.join(BENCH_OUT, 'big-lut-ffmpeg.png');

  const info = nilut(['info', big]);
  const apply = nilut(['apply', big, PHOTO, '--out', ours, '--overwrite']);
  const peer = ffmpeg(['-i', PHOTO, '-vf', `lut3d=file=${big}:interp=tetrahedral`, theirs]);

  const [a, b] = await Promise.all([rgb(ours), rgb(theirs)]);
  let maxDiff = 0;
  for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));

  console.log(`bench:big-lut — ${size}³ .cube (${mb.toFixed(0)} MB of text, LUT01 resampled), applied to kodim23.png (768×512), tetrahedral`);
  console.log(line(`nilut convert (33³ to ${size}³, written)`, made));
  console.log(line('nilut info (read only)', info));
  console.log(line('nilut apply (read and grade)', apply));
  console.log(line('ffmpeg lut3d (read and grade)', peer));
  console.log(`ratio ours/ffmpeg                  time ${(apply.seconds / peer.seconds).toFixed(2)}, peak memory ${(apply.peakMb / peer.peakMb).toFixed(2)}`);
  console.log(`largest difference from ffmpeg     ${maxDiff} code value${maxDiff === 1 ? '' : 's'} (8-bit)`);
}

await main();
