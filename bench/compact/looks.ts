/**
 * The creative looks bench:compact compresses: every real creative look among the repository's
 * fixtures (origins and licences in test/fixtures/luts/README.md), then the analytic grades of
 * graded-looks.ts, always in this order.
 *
 * Left out on purpose: the identities (pillowlut_hald4_identity, gpuimage_lookup_identity);
 * templelut_16, a 16-colour palette posterisation (a step function, not a grade); and
 * ocio_lustre_33x33x33.3dl, whose grey ramp (0.31→0.13, 0.63→0.78, white→0.97/0.95/0.86) is a
 * log-to-print transform meant for log footage, far too steep to be a look on sRGB photos.
 */
import path from 'node:path';
import type { Lut3D } from '../../main/core/lut/lut.js';
import { readLutFile } from '../../main/core/lut/lut-file.js';
import { FIXTURES } from '../paths.js';
import { GRADES, gradeLut } from './graded-looks.js';

export interface BenchLook {
  readonly name: string;
  /** At its own lattice size: a fixture as its file holds it (Halds of level 12 are 144³), a generated look at 33³. */
  readonly lut: Lut3D;
  /** Where it came from: the fixture's path under test/fixtures, or "generated: <formula in words>". */
  readonly origin: string;
}

/** The fixtures that are creative looks, by name, with their paths under test/fixtures. */
const FIXTURE_LOOKS: ReadonlyArray<{ readonly name: string; readonly file: string }> = [
  { name: 'rawtherapee-bleach-bypass-1', file: 'luts/hald/rawtherapee_BleachBypass1.png' },
  { name: 'rawtherapee-fuji-velvia-50', file: 'luts/hald/rawtherapee_Fuji_Velvia_50.png' },
  { name: 'rawtherapee-horror-blue', file: 'luts/hald/rawtherapee_HorrorBlue.png' },
  { name: 'rawtherapee-kodak-kodachrome-64', file: 'luts/hald/rawtherapee_Kodak_Kodachrome_64.png' },
  { name: 'rawtherapee-kodak-portra-400-2', file: 'luts/hald/rawtherapee_Kodak_Portra_400_2.png' },
  { name: 'rawtherapee-kodak-tri-x-400-2', file: 'luts/hald/rawtherapee_Kodak_TRI-X_400_2.png' },
  { name: 'pillowlut-hefe', file: 'luts/hald/pillowlut_hald6_hefe.png' },
  { name: 'gpuimage-amatorka', file: 'luts/png-square64/gpuimage_lookup_amatorka.png' },
  { name: 'gpuimage-miss-etikate', file: 'luts/png-square64/gpuimage_lookup_miss_etikate.png' },
  { name: 'generated-teal-lows-orange-highs', file: 'luts/png-square64/generated_teal_lows_orange_highs.png' },
  { name: 'generated-black-and-white', file: 'luts/png-square64/generated_black_and_white.png' },
  { name: 'nilut-paper-lut01', file: 'nilut-paper/LUT01.cube' },
];

async function fixtureLook(name: string, file: string): Promise<BenchLook> {
  const { lut } = await readLutFile(path.join(FIXTURES, file));
  return { name, lut, origin: `test/fixtures/${file}` };
}

export async function benchLooks(): Promise<BenchLook[]> {
  const fixtures = await Promise.all(FIXTURE_LOOKS.map(({ name, file }) => fixtureLook(name, file)));
  const generated = GRADES.map((grade) => ({ name: grade.name, lut: gradeLut(grade), origin: `generated: ${grade.formula}` }));
  return [...fixtures, ...generated];
}
