/**
 * A preset as something that grades colours: a LUT preset parses its stored file; a model or
 * blend preset loads its NILUT and bakes it (at the blend's weights) into a lattice; a mix
 * mixes its sources' lattices (lut/mix.ts).
 */
import type { Lut3D } from '../lut/lut.js';
import { mixLuts } from '../lut/mix.js';
import { parseLutBytes } from '../lut/lut-file.js';
import { initBackend } from '../nilut/backend.js';
import { bakeModel, DEFAULT_BAKE_SIZE } from '../nilut/bake.js';
import { NilutModel } from '../nilut/model.js';
import type { NilutFile } from '../nilut/nilut-file.js';
import { decodeNilut } from '../nilut/nilut-file.js';
import type { Preset } from './catalogue.js';
import { getPreset } from './catalogue.js';
import { LibraryError } from './errors.js';
import type { Library } from './library.js';
import { getModel, modelForLut } from './models.js';

/** The LUT a LUT preset was imported from, parsed from its stored bytes. */
export async function lutOfPreset(library: Library, preset: Preset): Promise<Lut3D> {
  if (preset.kind !== 'lut' || !preset.blobHash || !preset.originalName)
    throw new LibraryError(library.file, `preset ${preset.id} (${preset.name}) is a ${preset.kind}, not a LUT`, 'rejected');
  if (!library.blobs.has(preset.blobHash))
    throw new LibraryError(library.file, `preset ${preset.id} (${preset.name}) has lost its stored file ${preset.blobHash.slice(0, 12)}…`, 'damaged');
  return (await parseLutBytes(library.blobs.read(preset.blobHash), preset.originalName)).lut;
}

/** The .nilut behind a model or blend preset, or the learned model of a LUT preset. */
export function nilutOfPreset(library: Library, preset: Preset): { file: NilutFile; blobHash: string; modelId: number } {
  const record = preset.modelId !== null ? getModel(library, preset.modelId) : preset.contentHash ? modelForLut(library, preset.contentHash) : undefined;
  if (!record)
    throw new LibraryError(
      library.file,
      `preset ${preset.id} (${preset.name}) has no learned model yet: fit it first (nilut library fit ${preset.id})`,
      'rejected',
    );
  return { file: decodeNilut(library.blobs.read(record.blobHash), `${preset.name}.nilut`), blobHash: record.blobHash, modelId: record.id };
}

/** The weights a preset grades with: a blend's own, else style 1 (or the LUT's own style). */
function styleWeightsFor(library: Library, preset: Preset, file: NilutFile): number[] | undefined {
  const k = file.header.architecture.styles;
  if (k === 0) return undefined;
  if (preset.kind === 'blend' && preset.blendWeights) return preset.blendWeights;
  const position = preset.kind === 'lut' ? file.header.styles.findIndex((s) => s.sourceHash === preset.contentHash) : 0;
  return Array.from({ length: k }, (_, i) => (i === Math.max(0, position) ? 1 : 0));
}

/**
 * The preset as a lattice of `size` points per axis. LUT presets return their own lattice
 * (resampling is the writer's job); models and blends are baked.
 */
export async function latticeOfPreset(library: Library, preset: Preset, options: { size?: number; blend?: readonly number[] } = {}): Promise<Lut3D> {
  if (preset.kind === 'lut' && !options.blend) return lutOfPreset(library, preset);
  if (preset.kind === 'mix') return (await mixOfSources(library, preset.mixSources ?? [], preset.name, options.size)).lut;
  const { file } = nilutOfPreset(library, preset);
  await initBackend();
  const model = new NilutModel(file.weights);
  try {
    return await bakeModel(model, options.blend ?? styleWeightsFor(library, preset, file), options.size ?? DEFAULT_BAKE_SIZE, preset.name);
  } finally {
    model.dispose();
  }
}

/**
 * How a blend of presets relates to its looks: 'exact' (LUTs, or mixes of them, whose grids
 * refine onto a common one: the mix of their outputs), 'resampled' (LUTs brought onto one grid:
 * exact at its points) or 'baked' (a model among them, baked onto a lattice at its weights).
 */
export type MixFidelity = 'exact' | 'resampled' | 'baked';

/** The worse of two fidelities. */
export function worseFidelity(a: MixFidelity, b: MixFidelity): MixFidelity {
  const order: MixFidelity[] = ['exact', 'resampled', 'baked'];
  return order[Math.max(order.indexOf(a), order.indexOf(b))];
}

/** The mix of presets as one lattice; a model among them is baked at `size` first. */
export async function mixOfSources(
  library: Library,
  sources: readonly { readonly presetId: number; readonly weight: number }[],
  title?: string,
  size?: number,
): Promise<{ lut: Lut3D; fidelity: MixFidelity }> {
  const parts = await Promise.all(
    sources.map(async ({ presetId, weight }) => {
      const source = getPreset(library, presetId);
      if (source.kind === 'lut') return { lut: await lutOfPreset(library, source), weight, fidelity: 'exact' as MixFidelity };
      if (source.kind === 'mix') return { ...(await mixOfSources(library, source.mixSources ?? [], source.name, size)), weight };
      return { lut: await latticeOfPreset(library, source, { size }), weight, fidelity: 'baked' as MixFidelity };
    }),
  );
  const mixed = mixLuts(parts, { title });
  return { lut: mixed.lut, fidelity: parts.reduce<MixFidelity>((f, p) => worseFidelity(f, p.fidelity), mixed.exact ? 'exact' : 'resampled') };
}
