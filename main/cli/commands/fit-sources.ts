/** What `nilut fit` learns from, for either engine: each LUT file, and an aligned image pair, as a LUT with its name and source hash. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_BAKE_SIZE } from '../../common/lattice-sizes.js';
import { readImagePair } from '../../core/lut/image-pair.js';
import { readLutFile } from '../../core/lut/lut-file.js';
import type { Lut3D } from '../../core/lut/lut.js';
import { fitLatticeFromPairs } from '../../core/lut/scattered-fit.js';
import type { StyleInfo } from '../../core/nilut/nilut-file.js';
import { UsageError } from '../errors.js';

export interface FitSource {
  readonly lut: Lut3D;
  /** The file's base name and the sha256 of its bytes. */
  readonly style: StyleInfo;
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/**
 * An image pair becomes a style through a regularised 33³ lattice first (scattered-fit.ts):
 * blends need every style's output at the same colours, and the lattice's smoothness term
 * keeps colours the photos never show under control.
 */
export async function fitSourcesFrom(luts: readonly string[], pair: readonly string[] | undefined): Promise<FitSource[]> {
  const sources: FitSource[] = [];
  for (const file of luts) {
    const { lut } = await readLutFile(file);
    sources.push({ lut, style: { name: path.basename(file, path.extname(file)), sourceHash: await sha256(file) } });
  }
  if (pair) {
    if (pair.length !== 2) throw new UsageError('--pair takes two images: the one before the look and the one after');
    const fit = fitLatticeFromPairs(await readImagePair(pair[0], pair[1]), DEFAULT_BAKE_SIZE);
    sources.push({ lut: fit.lut, style: { name: path.basename(pair[1], path.extname(pair[1])), sourceHash: await sha256(pair[1]) } });
  }
  if (sources.length === 0) throw new UsageError('give at least one LUT file or --pair <before> <after>');
  return sources;
}
