/**
 * One NILUT held for previews: the TensorFlow.js model (loaded once per model blob) and the
 * lattices baked from it at the exact blend weights, small while a slider is dragged and
 * larger on release. The last few bakes of each size are kept, so going back and forth
 * between blends (or re-rendering at another size or strength) bakes nothing.
 *
 * Bake times, measured on this project's 2-core machine (WASM SIMD backend, one thread; the
 * paper's 3-style model, 256 units, 2 hidden layers; median of 5, machine otherwise idle):
 *   9³: 11 ms · 11³: 15 ms · 13³: 24 ms · 17³: 56 ms · 25³: 169 ms · 33³: 396 ms
 * (about 240 ms at 25³ while other work shared the cores).
 *
 * 'full' bakes at 25³: 33³ alone misses the 300 ms budget from release to a 1 MP preview;
 * 25³ leaves room for the apply (~10 ms) and the reply (bench:preview: 209 ms p50, 249 ms
 * p95 from the IPC call to the pixels). The network is smooth, so on the reference photos at
 * 1 MP 25³ differs from 33³ by ΔE2000 0.06–0.12 mean, 0.4–0.7 p95.
 *
 * 'draft' bakes the network at the same exact weights at 9³ (~10 ms). The first design mixed
 * per-style 33³ lattices linearly by the weights, but a CNILUT is far from linear in its
 * style weights (they enter the first layer; ReLU and tanh bend them): that mix was ΔE2000
 * 0.8–5.0 mean and up to 15 max from the exact look on the reference photos, against 0.54–0.72
 * mean, 1.2–1.9 p95, 3.3–4.8 max for the 9³ bake (11³: 0.41–0.48 mean for ~5 ms more). A
 * small exact bake also needs no per-style warm-up (three 33³ bakes, ~1.2 s).
 */
import type { MixFidelity } from '../library/preset-looks.js';
import type { Lut3D } from '../lut/lut.js';
import { LruCache } from '../lru-cache.js';
import { normaliseBlend } from '../nilut/bake.js';
import type { NilutModel } from '../nilut/model.js';
import { bakeInSlices } from './interruptible-bake.js';

export const DRAFT_BAKE_SIZE = 9;
export const EXACT_BAKE_SIZE = 25;
/** Bakes kept per model: the current blend, the one before, a saved preset or two, per size. */
const BAKES_KEPT = 8;

export interface BakedLook {
  readonly lut: Lut3D;
  /** False for a draft: the exact weights on a coarse lattice. */
  readonly exact: boolean;
  /** For a blend of presets, what its released look is to its sources (preset-looks.ts's MixFidelity). */
  readonly mix?: MixFidelity;
  /**
   * The look as a weighted sum of lattices, Σ wᵢ·lookᵢ(x), when that sum is what `lut` grades
   * (a lattice alone; a blend whose grids refine onto one): a preview can then mix the looks'
   * graded colours instead of the lattices (colour-palette.ts's mixThroughPalette).
   */
  readonly terms?: readonly LinearTerm[];
}

export interface LinearTerm {
  readonly lut: Lut3D;
  /** Normalised: a look's terms sum to 1. */
  readonly weight: number;
  /** False for a model's draft bake. */
  readonly exact: boolean;
}

export class ModelBakes {
  private readonly bakes = new LruCache<string, Lut3D>(BAKES_KEPT);
  private busy = 0;
  private retired = false;

  constructor(
    readonly model: NilutModel,
    private readonly name: string,
  ) {}

  /** Number of style weights a blend of this model takes (0: a single-style NILUT). */
  get styles(): number {
    return this.model.architecture.styles;
  }

  /** Checks and normalises blend weights (a RangeError names the count expected). */
  normalise(weights: readonly number[] | undefined): number[] {
    return normaliseBlend(this.model, weights);
  }

  /** The look at normalised `weights`; `signal` abandons a bake a newer request made useless. */
  async bake(weights: readonly number[], quality: 'draft' | 'full', signal?: AbortSignal): Promise<BakedLook> {
    const key = (size: number) => `${size}:${weights.map((w) => w.toPrecision(7)).join(',')}`;
    // A full bake already made serves a draft too (the slider came back to a released blend).
    const full = this.bakes.get(key(EXACT_BAKE_SIZE));
    if (full || quality === 'full') return { lut: full ?? (await this.bakeAt(key(EXACT_BAKE_SIZE), weights, EXACT_BAKE_SIZE, signal)), exact: true };
    const draft = this.bakes.get(key(DRAFT_BAKE_SIZE)) ?? (await this.bakeAt(key(DRAFT_BAKE_SIZE), weights, DRAFT_BAKE_SIZE, signal));
    return { lut: draft, exact: false };
  }

  /** Frees the tensors once no bake is using the model any more. */
  retire(): void {
    this.retired = true;
    if (this.busy === 0) this.model.dispose();
  }

  private async bakeAt(key: string, weights: readonly number[], size: number, signal: AbortSignal | undefined): Promise<Lut3D> {
    if (this.retired) throw new Error(`the model of ${this.name} was unloaded`);
    this.busy++;
    try {
      const lut: Lut3D = { ...(await bakeInSlices(this.model, weights, size, signal)), title: this.name };
      this.bakes.set(key, lut);
      return lut;
    } finally {
      if (--this.busy === 0 && this.retired) this.model.dispose();
    }
  }
}
