/**
 * The look a batch grades with, as one LUT: a LUT file as it is, a NILUT model (at a blend)
 * baked once onto a lattice, a compact looks file's blend (already a lattice: blend-looks.ts),
 * a library preset by id or name, or a mix of library presets. Baking first makes a blend
 * exactly as fast to apply as a plain LUT.
 */
import path from 'node:path';
import { blendLooks } from '../compact/blend-looks.js';
import { findPreset } from '../library/find-preset.js';
import type { Library } from '../library/library.js';
import type { MixSource } from '../library/mix-sources.js';
import { readLutFile } from '../lut/lut-file.js';
import type { Lut3D } from '../lut/lut.js';
import { DEFAULT_BAKE_SIZE } from '../../common/lattice-sizes.js';
import { readModelFile } from '../nilut/model-file.js';

export type LookSource =
  | { readonly kind: 'lut'; readonly file: string }
  /** `size`: the lattice a network is baked at; compact looks grade at their own lattice, which is the look itself. */
  | { readonly kind: 'model'; readonly file: string; readonly blend?: readonly number[]; readonly size?: number }
  | { readonly kind: 'preset'; readonly library: Library; readonly idOrName: string; readonly blend?: readonly number[]; readonly size?: number }
  /** Library presets mixed by weight (lut/mix.ts); `size`: the lattice a model among them is baked at. */
  | { readonly kind: 'mix'; readonly library: Library; readonly sources: readonly MixSource[]; readonly name: string; readonly size?: number };

export interface Look {
  readonly lut: Lut3D;
  /** A name for output file templates ({preset}). */
  readonly name: string;
  readonly warnings: string[];
}

export async function resolveLook(source: LookSource): Promise<Look> {
  if (source.kind === 'lut') {
    const { lut, warnings } = await readLutFile(source.file);
    const name = path.basename(source.file, path.extname(source.file));
    return { lut, name, warnings: warnings.map((w) => `${path.basename(source.file)}${w.line ? `:${w.line}` : ''}: ${w.message}`) };
  }
  if (source.kind === 'model') {
    const name = path.basename(source.file, path.extname(source.file));
    const contents = await readModelFile(source.file);
    if (contents.kind === 'looks') {
      const lattices = contents.looks.map((l) => l.lattice);
      return { lut: blendLooks(lattices, source.blend), name, warnings: [] };
    }
    // Loaded here, not at the top: TensorFlow.js costs half a second that a LUT run need not pay.
    const [{ initBackend }, { bakeModel }, { NilutModel }] = await Promise.all([
      import('../nilut/backend.js'),
      import('../nilut/bake.js'),
      import('../nilut/model.js'),
    ]);
    await initBackend();
    const model = new NilutModel(contents.weights);
    try {
      const lut = await bakeModel(model, source.blend, source.size ?? DEFAULT_BAKE_SIZE);
      return { lut, name, warnings: [] };
    } finally {
      model.dispose();
    }
  }
  if (source.kind === 'mix') {
    const { mixOfSources } = await import('../library/preset-looks.js');
    const { lut } = await mixOfSources(source.library, source.sources, source.name, source.size);
    return { lut, name: source.name, warnings: [] };
  }
  const preset = findPreset(source.library, source.idOrName);
  const { latticeOfPreset } = await import('../library/preset-looks.js');
  const lut = await latticeOfPreset(source.library, preset, { size: source.size, blend: source.blend });
  return { lut, name: preset.name, warnings: [] };
}
