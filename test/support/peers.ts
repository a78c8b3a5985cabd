/** Running the peer tools used as oracles: ffmpeg's lut3d filter and OpenColorIO's baker. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { parseCube } from '../../main/core/lut/cube-read.js';
import type { Lut3D } from '../../main/core/lut/lut.js';

const scratchDirs: string[] = [];
// Removed when the test worker exits, so peers' outputs never pile up in /tmp.
process.once('exit', () => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

export function scratchDir(prefix = 'nilut-peer-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

/** Raw 8-bit RGB pixels of an image as stored (no colour management). */
export async function rawRgb8(file: string): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(file).keepIccProfile().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** Writes RGB pixels as an 8-bit PNG (the input format that keeps ffmpeg in RGB). */
export async function writeRgbPng(file: string, data: Uint8Array, width: number, height: number): Promise<void> {
  await sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toFile(file);
}

/**
 * ffmpeg's lut3d on an RGB PNG, kept in RGB end to end (-pix_fmt rgb24), so no YUV
 * conversion muddies the comparison.
 */
export async function ffmpegLut3d(inputPng: string, lutFile: string, interp: 'tetrahedral' | 'trilinear'): Promise<Uint8Array> {
  const out = path.join(scratchDir(), 'out.png');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', inputPng, '-vf', `lut3d=file=${lutFile}:interp=${interp}`, '-pix_fmt', 'rgb24', out]);
  return (await rawRgb8(out)).data;
}

/** OpenColorIO's evaluation of a LUT file on an n³ grid over [0,1], as a LUT. */
export function ocioBake(lutFile: string, cubeSize: number): Lut3D {
  const out = path.join(scratchDir(), 'baked.cube');
  execFileSync('ociobakelut', ['--lut', lutFile, '--format', 'resolve_cube', '--cubesize', String(cubeSize), out], { stdio: 'pipe' });
  return parseCube(readFileSync(out, 'utf8'), 'ociobakelut output').lut;
}

/** Largest absolute difference between two equal-length arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
