/**
 * Rendering a preview: the look's lattice (look-cache.ts) applied to the photo's cached
 * downscaled pixels with the single-thread tetrahedral kernel of lut/apply.ts, through the
 * size's colour palette (colour-palette.ts) so only distinct colours are interpolated. At 1 MP
 * that is ~10 ms, less than handing the work to worker threads would cost.
 *
 * A slider sends requests faster than full bakes finish; `renderLatest` abandons the previous
 * request still waiting on a bake as soon as a new one arrives (it rejects with Cancelled,
 * core/errors.ts), so the newest setting is never queued behind stale ones.
 */
import { expected } from '../errors.js';
import type { Library } from '../library/library.js';
import type { MixFidelity } from '../library/preset-looks.js';
import type { PreparedLut } from '../lut/apply.js';
import { prepareLut } from '../lut/apply.js';
import type { Lut3D } from '../lut/lut.js';
import { LruCache } from '../lru-cache.js';
import { MIN_STRENGTHS_LATTICE, strengthsLatticeSize, withLookStrengths } from '../lut/look-strengths.js';
import type { ColourPalette } from './colour-palette.js';
import { applyThroughPalette, buildPalette, gradedColoursOn, mixThroughPalette, paletteScratch } from './colour-palette.js';
import { defaultLutWorkerPool } from '../lut/parallel-apply.js';
import type { PaletteScratch } from './colour-palette.js';
import { throwIfSuperseded } from './interruptible-bake.js';
import type { PreviewLook, PreviewQuality } from './look-cache.js';
import { LookCache } from './look-cache.js';
import type { PreviewPhoto, RgbaPixels } from './preview-photo.js';

export { LookError } from './look-cache.js';
export type { PreviewLook, PreviewQuality } from './look-cache.js';

export interface PreviewRequest {
  readonly look: PreviewLook;
  /** 0..1: how much of the look over the original (default 1). */
  readonly strength?: number;
  /** 0..1: the look's colour (CIELAB a*b*) and tone (L*) over the photo's, before `strength` (default 1). */
  readonly colourStrength?: number;
  readonly toneStrength?: number;
  /** Longest edge of the preview; a photo smaller than this is shown at its own size. */
  readonly maxEdge: number;
  /** 'draft' while a slider is dragged (a blend may be approximated), 'full' on release. */
  readonly quality: PreviewQuality;
}

/** The same shape as the IPC contract's PreviewImage. */
export interface RenderedPreview {
  readonly width: number;
  readonly height: number;
  /** RGBA, 8 bits per channel, sRGB-encoded. */
  readonly pixels: Uint8Array;
  readonly exact: boolean;
  /** For a blend of presets: what the released look is to its sources (exact mix, resampled, or a model baked). */
  readonly mix?: MixFidelity;
  readonly milliseconds: number;
}

export interface RenderOptions {
  /** Abandons the render (Cancelled) if it is still waiting on a bake. */
  readonly signal?: AbortSignal;
}

/** Derived lattices kept per look: at most 4 × 3.3 MB for a 65³ look. */
const DERIVED_KEPT = 4;

export class PreviewRenderer {
  readonly looks: LookCache;
  /** Prepared tables per lattice and strength; a lattice object is never changed once made. */
  private readonly prepared = new WeakMap<Lut3D, PreparedLut>();
  /**
   * Per lattice, the last few lattices derived from it at other colour and tone strengths
   * (look-strengths.ts): releasing a slider where it was, or toggling back, derives nothing.
   */
  private readonly derived = new WeakMap<Lut3D, LruCache<string, Lut3D>>();
  private latest: AbortController | undefined;
  /** Per cached photo size: its palette (none for photos of nearly all-distinct colours). */
  private readonly palettes = new WeakMap<RgbaPixels, { palette: ColourPalette; scratch: PaletteScratch } | null>();
  /** Per look and palette, the look's outputs at the palette's colours (a blend's terms). */
  private readonly graded = new WeakMap<Lut3D, WeakMap<ColourPalette, Promise<Float32Array>>>();

  constructor(readonly library: Library) {
    this.looks = new LookCache(library);
    // Its threads start now (~100 ms, idle and unreferenced after), not on a blend's first frame.
    defaultLutWorkerPool();
  }

  /** Renders `request` on `photo`. */
  async render(photo: PreviewPhoto, request: PreviewRequest, options: RenderOptions = {}): Promise<RenderedPreview> {
    const { signal } = options;
    const started = performance.now();
    const strength = request.strength ?? 1;
    if (!(strength >= 0 && strength <= 1)) throw new RangeError(expected('strength', 'number between 0 and 1', strength));
    const [baked, source] = await Promise.all([this.looks.lattice(request.look, request.quality, signal), photo.pixelsAt(request.maxEdge)]);
    throwIfSuperseded(signal);
    // Into a new buffer: the cached photo stays untouched for the next look.
    const pixels = new Uint8Array(source.pixels.length);
    const palette = this.paletteOf(source);
    const plain = (request.colourStrength ?? 1) === 1 && (request.toneStrength ?? 1) === 1;
    // A blend of several looks: their graded colours mixed by weight, no lattice made (the
    // colour and tone strengths are not linear in the look, so they take the lattice path).
    if (palette && plain && baked.terms && baked.terms.length > 1) {
      const terms = await Promise.all(baked.terms.map(async (t) => ({ colours: await this.coloursOf(t.lut, palette.palette), weight: t.weight })));
      throwIfSuperseded(signal);
      mixThroughPalette(terms, strength, palette.palette, source.pixels, pixels, palette.scratch);
      const exact = baked.terms.every((t) => t.exact);
      return { width: source.width, height: source.height, pixels, exact, mix: baked.mix, milliseconds: performance.now() - started };
    }
    const look = this.withStrengths(baked.lut, request);
    const prepared = this.preparedFor(look.lut, strength);
    if (palette) applyThroughPalette(prepared, palette.palette, source.pixels, pixels, palette.scratch);
    else {
      pixels.set(source.pixels);
      prepared.applyTo(pixels, 4);
    }
    return { width: source.width, height: source.height, pixels, exact: baked.exact && look.exact, mix: baked.mix, milliseconds: performance.now() - started };
  }

  /**
   * A look's outputs at a palette's colours, kept per lattice and palette (a blend's sliders
   * reuse them). Made on every core: it is a blend's first-frame cost (a 144³ Hald's 250k
   * colours take ~70 ms on one).
   */
  private coloursOf(lut: Lut3D, palette: ColourPalette): Promise<Float32Array> {
    let perPalette = this.graded.get(lut);
    if (!perPalette) this.graded.set(lut, (perPalette = new WeakMap()));
    let colours = perPalette.get(palette);
    if (!colours) {
      const made = gradedColoursOn(defaultLutWorkerPool(), prepareLut(lut), palette);
      perPalette.set(palette, (colours = made));
      // A failed grading is not kept: the next frame tries again.
      made.catch(() => perPalette.delete(palette));
    }
    return colours;
  }

  /** Renders `request`, abandoning the previous `renderLatest` call if it is still baking. */
  renderLatest(photo: PreviewPhoto, request: PreviewRequest): Promise<RenderedPreview> {
    this.latest?.abort();
    const controller = (this.latest = new AbortController());
    return this.render(photo, request, { signal: controller.signal }).finally(() => {
      if (this.latest === controller) this.latest = undefined;
    });
  }

  /** Frees the loaded models' tensor memory. The library stays open (its owner closes it). */
  close(): void {
    this.latest?.abort();
    this.looks.close();
  }

  private paletteOf(source: RgbaPixels): { palette: ColourPalette; scratch: PaletteScratch } | null {
    let entry = this.palettes.get(source);
    if (entry === undefined) {
      const palette = buildPalette(source.pixels);
      entry = palette ? { palette, scratch: paletteScratch(palette) } : null;
      this.palettes.set(source, entry);
    }
    return entry;
  }

  /**
   * The look at the request's colour and tone strengths. While a slider is dragged ('draft')
   * at 33³, a few ms a new setting; on release at the look's own size up to 65³, ~50 ms
   * (bench/look-strengths.ts). Not exact when the draft's lattice is smaller than the release's.
   */
  private withStrengths(lut: Lut3D, request: PreviewRequest): { lut: Lut3D; exact: boolean } {
    const strengths = { colour: request.colourStrength, tone: request.toneStrength };
    const fullSize = strengthsLatticeSize(lut);
    const size = request.quality === 'draft' ? MIN_STRENGTHS_LATTICE : fullSize;
    const key = `${size} ${strengths.colour ?? 1} ${strengths.tone ?? 1}`;
    let kept = this.derived.get(lut);
    if (!kept) this.derived.set(lut, (kept = new LruCache(DERIVED_KEPT)));
    let derived = kept.get(key);
    if (!derived) kept.set(key, (derived = withLookStrengths(lut, strengths, size)));
    return { lut: derived, exact: derived === lut || size === fullSize };
  }

  private preparedFor(lut: Lut3D, strength: number): PreparedLut {
    let prepared = this.prepared.get(lut);
    if (!prepared || prepared.strength !== strength) {
      prepared = prepareLut(lut, { strength });
      this.prepared.set(lut, prepared);
    }
    return prepared;
  }
}
