/**
 * bench:grade — a folder of 20 generated 24-megapixel JPEGs graded with LUT01.cube by
 * `nilut grade` and, in the same run, by ffmpeg's lut3d with two ffmpeg processes at a time
 * (one per core). Also grades the folder with a blend of the paper's 3-style model, which is
 * baked once per run and should cost the same as the plain LUT. Prints wall times and ratios.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { BENCH_OUT, FIXTURES, ROOT } from './paths.js';

const INPUT = path.join(BENCH_OUT, 'grade-in');
const LUT01 = path.join(FIXTURES, 'nilut-paper/LUT01.cube');
const MODEL = path.join(FIXTURES, 'nilut-paper/nilutx3style.pt');
const COUNT = 20;
const WIDTH = 6000,
  HEIGHT = 4000;

/** 20 different photo-like frames: smooth gradients, soft shapes, sensor-like noise. */
async function makeInputs(): Promise<void> {
  if (existsSync(INPUT) && readdirSync(INPUT).length === COUNT) return;
  rmSync(INPUT, { recursive: true, force: true });
  mkdirSync(INPUT, { recursive: true });
  const pixels = new Uint8Array(WIDTH * HEIGHT * 3);
  let seed = 12345;
  for (let y = 0, o = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++, o += 3) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const noise = ((seed >>> 24) - 128) / 32;
      const u = x / WIDTH,
        v = y / HEIGHT;
      const blob = Math.exp(-((u - 0.6) ** 2 + (v - 0.4) ** 2) * 12);
      pixels[o] = Math.max(0, Math.min(255, 255 * (0.2 + 0.6 * u * (1 - v) + 0.3 * blob) + noise));
      pixels[o + 1] = Math.max(0, Math.min(255, 255 * (0.15 + 0.5 * v + 0.2 * Math.sin(u * 9)) + noise));
      pixels[o + 2] = Math.max(0, Math.min(255, 255 * (0.1 + 0.7 * (1 - u) * v + 0.2 * blob) + noise));
    }
  }
  for (let i = 0; i < COUNT; i++) {
    // Each frame its own: a different exposure and hue, some mirrored.
    let frame = sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).modulate({ brightness: 0.7 + (0.6 * i) / COUNT, hue: i * 17 });
    if (i % 2 === 1) frame = frame.flop();
    await frame.jpeg({ quality: 92 }).toFile(path.join(INPUT, `frame-${String(i + 1).padStart(2, '0')}.jpg`));
  }
}

function timeNilut(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/nilut.js'), 'grade', INPUT, ...args, '--overwrite'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`nilut grade failed: ${result.stderr}`);
  return (performance.now() - started) / 1000;
}

/** Runs ffmpeg lut3d over every input, `parallel` processes at a time. */
async function timeFfmpeg(parallel: number, out: string): Promise<number> {
  mkdirSync(out, { recursive: true });
  const files = readdirSync(INPUT).sort();
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++];
      await new Promise<void>((resolve, reject) => {
        const child = spawn(
          'ffmpeg',
          ['-v', 'error', '-y', '-i', path.join(INPUT, file), '-vf', `lut3d=file=${LUT01}:interp=tetrahedral`, '-q:v', '2', path.join(out, file)],
          { stdio: 'ignore' },
        );
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg failed on ${file}`))));
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  await makeInputs();
  const megapixels = (COUNT * WIDTH * HEIGHT) / 1e6;
  const ffmpegVersion = spawnSync('ffmpeg', ['-version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const theirs = await timeFfmpeg(2, path.join(BENCH_OUT, 'grade-ffmpeg'));
  const ours = timeNilut(['--out', path.join(BENCH_OUT, 'grade-ours'), '--lut', LUT01]);
  const blend = timeNilut(['--out', path.join(BENCH_OUT, 'grade-blend'), '--model', MODEL, '--blend', '0.5,0.5,0']);
  console.log(`bench:grade — ${COUNT} JPEGs of ${WIDTH}×${HEIGHT} (${megapixels} MP), LUT01.cube, tetrahedral`);
  console.log(`peer: ${ffmpegVersion}, two processes at a time`);
  console.log(`ffmpeg lut3d ×2 parallel   ${theirs.toFixed(1)} s  (${(megapixels / theirs).toFixed(1)} MP/s)`);
  console.log(`nilut grade (LUT01)        ${ours.toFixed(1)} s  (${(megapixels / ours).toFixed(1)} MP/s)`);
  console.log(`nilut grade (model blend)  ${blend.toFixed(1)} s  (${(megapixels / blend).toFixed(1)} MP/s; 3-style model at 0.5/0.5/0, baked once)`);
  console.log(`speed-up over ffmpeg       ${(theirs / ours).toFixed(2)}× (target ≥ 1.5×)`);
  console.log(`blend / plain LUT time     ${(blend / ours).toFixed(2)} (target ≈ 1)`);
}

await main();
