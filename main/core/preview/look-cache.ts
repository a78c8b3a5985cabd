/**
 * From a look (a preset, or a model at chosen weights) to the lattice a preview applies, with
 * everything costly done once: a LUT preset's file parsed once per stored blob; a model loaded
 * once per .nilut blob, with its bakes (model-bakes.ts). Models are few and heavy (tensors), so
 * only MODELS_KEPT stay loaded; the least recently used is disposed.
 *
 * Colour space: LUTs and NILUTs map sRGB-encoded values to sRGB-encoded values (lut.ts), and the
 * preview photo is decoded to sRGB-encoded 8-bit, so the lattice applies to it directly.
 */
import { NilutError } from '../errors.js';
import type { Preset } from '../library/catalogue.js';
import { getPreset } from '../library/catalogue.js';
import { LibraryError } from '../library/errors.js';
import type { Library } from '../library/library.js';
import { getModel, modelForLut } from '../library/models.js';
import type { MixSource } from '../library/mix-sources.js';
import type { MixFidelity } from '../library/preset-looks.js';
import { lutOfPreset, worseFidelity } from '../library/preset-looks.js';
import { LruCache } from '../lru-cache.js';
import type { Lut3D } from '../lut/lut.js';
import { isRefinable, mixGridSize, mixLuts, normaliseWeights, ResampledLattices } from '../lut/mix.js';
import { initBackend } from '../nilut/backend.js';
import { NilutModel } from '../nilut/model.js';
import { decodeNilut } from '../nilut/nilut-file.js';
import type { BakedLook } from './model-bakes.js';
import { ModelBakes } from './model-bakes.js';

/** The same shape as the IPC contract's Look. */
export type PreviewLook =
  | { readonly kind: 'preset'; readonly presetId: number }
  | { readonly kind: 'blend'; readonly presetId: number; readonly weights: readonly number[] }
  | { readonly kind: 'mix'; readonly sources: readonly MixSource[] };

export type PreviewQuality = 'draft' | 'full';

/** A look that cannot be shown as asked (wrong number of weights...): the request's fault. */
export class LookError extends NilutError {
  override readonly name = 'LookError';
  constructor(message: string) {
    super('invalid', message);
  }
}

/**
 * While a slider moves, a blend whose exact grid is finer than this is mixed on this grid (a
 * 144³ Hald mixes 9 M values a frame; 33³ is 0.1 M); on release, on its own grid.
 */
export const DRAFT_MIX_SIZE = 33;
/** Mixes inside mixes deeper than this are refused (they cannot loop: a mix names saved presets only). */
const MAX_MIX_DEPTH = 8;

const MODELS_KEPT = 2;
const LUTS_KEPT = 16;

export class LookCache {
  private readonly luts = new LruCache<string, Lut3D>(LUTS_KEPT);
  /** The least recently used model is retired: its tensors go once no bake is using it. */
  private readonly models = new LruCache<string, ModelBakes>(MODELS_KEPT, (bakes) => bakes.retire());

  /** Each source's lattice on a blend's grid, so moving a slider resamples nothing. */
  private readonly resampled = new ResampledLattices();

  constructor(readonly library: Library) {}

  /** The lattice for `look`; `signal` abandons a bake a newer request made useless. */
  async lattice(look: PreviewLook, quality: PreviewQuality, signal?: AbortSignal): Promise<BakedLook> {
    if (look.kind === 'mix') return this.mixOf(look.sources, quality, signal, 0);
    const preset = getPreset(this.library, look.presetId);
    if (look.kind === 'preset') return this.presetLook(preset, quality, signal, 0);
    const bakes = await this.modelOf(preset);
    return bakes.bake(this.weightsFor(preset, bakes, look), quality, signal);
  }

  /** A preset as saved: a LUT as it is, a mix of its sources, a model at its own weights. */
  private async presetLook(preset: Preset, quality: PreviewQuality, signal: AbortSignal | undefined, depth: number): Promise<BakedLook> {
    if (preset.kind === 'lut') {
      const lut = await this.lutOf(preset);
      return { lut, exact: true, mix: 'exact', terms: [{ lut, weight: 1, exact: true }] };
    }
    if (preset.kind === 'mix') {
      if (depth >= MAX_MIX_DEPTH) throw new LookError(`preset ${preset.id} (${preset.name}) nests blends more than ${MAX_MIX_DEPTH} deep`);
      return this.mixOf(preset.mixSources ?? [], quality, signal, depth + 1, preset.name);
    }
    const bakes = await this.modelOf(preset);
    const baked = await bakes.bake(this.weightsFor(preset, bakes, { kind: 'preset', presetId: preset.id }), quality, signal);
    return { ...baked, mix: 'baked', terms: [{ lut: baked.lut, weight: 1, exact: baked.exact }] };
  }

  /**
   * The mix of presets at their weights (lut/mix.ts): exact when all are LUTs on grids that
   * refine onto one. Its lattice is mixed only when asked for (a preview mixes the looks'
   * graded colours through `terms` instead), on a coarser grid while dragging when the exact
   * one is large.
   */
  private async mixOf(
    sources: readonly MixSource[],
    quality: PreviewQuality,
    signal: AbortSignal | undefined,
    depth: number,
    title?: string,
  ): Promise<BakedLook> {
    let weights: number[];
    try {
      weights = normaliseWeights(sources.map((s) => s.weight));
    } catch (error) {
      throw new LookError(`this blend cannot be mixed: ${(error as Error).message}`);
    }
    const parts = await Promise.all(sources.map(async (s) => this.presetLook(getPreset(this.library, s.presetId), quality, signal, depth)));
    const used = parts.map((part, i) => ({ part, weight: weights[i] })).filter((u) => u.weight > 0);
    // The looks this mix sums, nested mixes opened up: exact when their grids refine onto one.
    const leaves = used.every((u) => u.part.terms) ? used.flatMap((u) => u.part.terms!.map((t) => ({ ...t, weight: t.weight * u.weight }))) : undefined;
    const gridExact = leaves !== undefined && isRefinable(leaves.map((l) => l.lut));
    const wanted = gridExact ? mixGridSize(leaves.map((l) => l.lut)) : mixGridSize(used.map((u) => u.part.lut));
    const coarsened = quality === 'draft' && wanted > DRAFT_MIX_SIZE;
    const mix = used.reduce<MixFidelity>((f, u) => worseFidelity(f, u.part.mix ?? 'baked'), gridExact ? 'exact' : 'resampled');
    let lattice: Lut3D | undefined;
    const mixed = () =>
      (lattice ??= mixLuts(
        used.map((u) => ({ lut: u.part.lut, weight: u.weight })),
        { title, maxSize: coarsened ? DRAFT_MIX_SIZE : undefined, cache: this.resampled },
      ).lut);
    return {
      get lut() {
        return mixed();
      },
      exact: used.every((u) => u.part.exact) && !coarsened,
      mix,
      terms: gridExact ? leaves : undefined,
    };
  }

  /** Frees every loaded model's tensors. */
  close(): void {
    for (const bakes of this.models.values()) bakes.retire();
    this.models.clear();
    this.luts.clear();
  }

  private async lutOf(preset: Preset): Promise<Lut3D> {
    const key = preset.blobHash ?? `preset ${preset.id}`;
    const kept = this.luts.get(key);
    if (kept) return kept;
    const lut = await lutOfPreset(this.library, preset);
    this.luts.set(key, lut);
    return lut;
  }

  private async modelOf(preset: Preset): Promise<ModelBakes> {
    // The record alone (one indexed query) finds a loaded model without reading the blob.
    const record =
      preset.modelId !== null ? getModel(this.library, preset.modelId) : preset.contentHash ? modelForLut(this.library, preset.contentHash) : undefined;
    if (!record)
      throw new LibraryError(
        this.library.file,
        `preset ${preset.id} (${preset.name}) has no learned model yet: fit it first (nilut library fit ${preset.id})`,
        'rejected',
      );
    const kept = this.models.get(record.blobHash);
    if (kept) return kept;
    if (!this.library.blobs.has(record.blobHash))
      throw new LibraryError(this.library.file, `preset ${preset.id} (${preset.name}) has lost its model file ${record.blobHash.slice(0, 12)}…`, 'damaged');
    const file = decodeNilut(this.library.blobs.read(record.blobHash), `${preset.name}.nilut`);
    await initBackend();
    // A preview and a thumbnail batch may both have started loading this model; the first
    // to finish keeps it, so no second copy's tensors are left behind without an owner.
    const loaded = this.models.get(record.blobHash);
    if (loaded) return loaded;
    const bakes = new ModelBakes(new NilutModel(file.weights), preset.name);
    this.models.set(record.blobHash, bakes);
    return bakes;
  }

  /** The look's weights, normalised: the request's for a blend, else the preset's own. */
  private weightsFor(preset: Preset, bakes: ModelBakes, look: PreviewLook): number[] {
    const k = bakes.styles;
    if (look.kind === 'blend' && look.weights.length !== k) {
      const holds = k === 0 ? 'holds a single style and takes no blend weights' : `holds ${k} styles`;
      throw new LookError(`preset ${preset.id} (${preset.name}) ${holds}, but ${look.weights.length} blend weights were given`);
    }
    const weights = look.kind === 'blend' ? look.weights : ownWeights(preset, k);
    try {
      return bakes.normalise(weights);
    } catch (error) {
      throw new LookError(`preset ${preset.id} (${preset.name}): ${(error as Error).message}`);
    }
  }
}

/** A model or blend preset's own weights: a blend's saved ones, else the model's first style. */
function ownWeights(preset: Preset, k: number): number[] | undefined {
  if (k === 0) return undefined;
  if (preset.kind === 'blend' && preset.blendWeights) return preset.blendWeights;
  return Array.from({ length: k }, (_, i) => (i === 0 ? 1 : 0));
}
