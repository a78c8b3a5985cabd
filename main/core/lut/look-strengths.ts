/**
 * A look's colour and its tone faded separately (issue 16; RawTherapee #5757, LuxCore #81).
 *
 * The split is made in CIELAB (D65, from sRGB-encoded values, color/lab.ts): L* is perceptually
 * uniform lightness, so it carries the look's tone curve, while a* and b* hold its hue and
 * chroma. With the look's output o = look(x) for an input x:
 *
 *   L*_out    = L*_x    + tone   · (L*_o    − L*_x)
 *   a*b*_out  = a*b*_x  + colour · (a*b*_o  − a*b*_x)
 *
 * then back to sRGB, clamped to [0,1]. Fading a*b* toward the input's keeps the look's
 * contrast and brightness while removing its colour cast; fading L* keeps its colour on the
 * photo's own tones. The overall strength (apply.ts) then mixes with the original as before.
 *
 * The result is itself a look, so it is made a lattice: every door (the apply kernels, the
 * batch, the preview, baked .cube/.3dl/Hald exports) takes it unchanged. bench/look-strengths.ts
 * measured what interpolating the Lab combination costs against computing it per pixel; the
 * lattice size is chosen from that (see strengthsLatticeSize).
 */
import { expected } from '../errors.js';
import { labToSrgb, srgbToLab } from '../color/lab.js';
import type { Lut3D } from './lut.js';
import { UNIT_MAX, UNIT_MIN } from './lut.js';
import { sampleLut } from './sample.js';

export interface LookStrengths {
  /** 0..1: how much of the look's chroma and hue (a*, b*) over the input's (default 1). */
  readonly colour?: number;
  /** 0..1: how much of the look's lightness (L*) over the input's (default 1). */
  readonly tone?: number;
}

/**
 * The lattice the strengths are evaluated on: the look's own size, so its lattice points are
 * read without interpolation, but at least 33 and at most 65. bench/look-strengths.ts measured
 * it against the combination computed per colour (floats; five photos' colours; the film
 * Halds, LUT01 and a shaper LUT; colour 0 or tone 0): 33³ within ΔE2000 0.005–0.16 mean and
 * 0.01–0.6 p95, 65³ within 0.001–0.13 mean and 0.33 p95. LUT01 at its own 33³ is within 0.008
 * at tone 0, against 0.023 at 49³, which resamples it. The largest errors sit where the result
 * leaves the sRGB gamut and is clamped (a kink the lattice rounds off): up to 16 8-bit codes
 * at 33³ and 11 at 65³ on saturated colours, 4 and 2 on the photos. Storing the values
 * unclamped and leaving the clamp to the kernels roughly halves those (16 → 9 codes at 33³),
 * but would then mix unclamped colours when strength is below 1, against the definition, and
 * a .3dl or Hald export (which cannot hold them) would grade otherwise than the app; so the
 * lattice holds the clamped result. Deriving takes ~30 ms at 33³ and ~250 ms at 65³ the first
 * time for a look, then 6 ms and 48 ms for each new setting.
 */
export const MIN_STRENGTHS_LATTICE = 33;
export const MAX_STRENGTHS_LATTICE = 65;

export function strengthsLatticeSize(lut: Lut3D): number {
  return Math.min(MAX_STRENGTHS_LATTICE, Math.max(MIN_STRENGTHS_LATTICE, lut.size));
}

function checked(name: string, value: number | undefined): number {
  const v = value ?? 1;
  if (!(v >= 0 && v <= 1)) throw new RangeError(expected(name, 'number between 0 and 1', value));
  return v;
}

/** True when the strengths change the look (either below 1): at 1 and 1 the look is used as it is. */
export function changesLook(strengths: LookStrengths): boolean {
  return checked('colour strength', strengths.colour) !== 1 || checked('tone strength', strengths.tone) !== 1;
}

/** Scratch for lookStrengthsAt, so a lattice of 275 000 points allocates nothing per point. */
export interface StrengthsScratch {
  readonly look: Float64Array;
  readonly labIn: Float64Array;
  readonly labLook: Float64Array;
}

export function strengthsScratch(): StrengthsScratch {
  return { look: new Float64Array(3), labIn: new Float64Array(3), labLook: new Float64Array(3) };
}

/**
 * The exact result for one sRGB-encoded input colour (in [0,1]): the look through its shaper
 * and domain (sampleLut), then the Lab combination above. Writes the clamped colour into out.
 */
export function lookStrengthsAt(
  lut: Lut3D,
  rgb: ArrayLike<number>,
  colour: number,
  tone: number,
  out: Float64Array | Float32Array | number[],
  scratch: StrengthsScratch = strengthsScratch(),
): void {
  const { look, labIn, labLook } = scratch;
  sampleLut(lut, rgb, look);
  srgbToLab(rgb[0], rgb[1], rgb[2], labIn);
  srgbToLab(look[0], look[1], look[2], labLook);
  fadeInLab(labIn, labLook, 0, colour, tone, look, out, 0);
}

/**
 * The definition above for the colours at `at` of two Lab arrays: writes the clamped
 * sRGB-encoded result into out[offset..offset+2]; `rgb` is scratch.
 */
function fadeInLab(
  input: ArrayLike<number>,
  look: ArrayLike<number>,
  at: number,
  colour: number,
  tone: number,
  rgb: Float64Array,
  out: Float64Array | Float32Array | number[],
  offset: number,
): void {
  labToSrgb(
    input[at] + tone * (look[at] - input[at]),
    input[at + 1] + colour * (look[at + 1] - input[at + 1]),
    input[at + 2] + colour * (look[at + 2] - input[at + 2]),
    rgb,
  );
  for (let c = 0; c < 3; c++) out[offset + c] = rgb[c] > 0 ? (rgb[c] < 1 ? rgb[c] : 1) : 0;
}

/**
 * The input grid's and the look's colours at the lattice points, in Lab: what every strength
 * setting combines. Kept per look (a lattice object is never changed once made) and per size,
 * so moving a slider only recombines them (bench/look-strengths.ts: ~30 ms for 33³ from the
 * LUT, a few ms from the kept Lab).
 */
interface LabGrid {
  readonly input: Float32Array;
  readonly look: Float32Array;
}

const inputLabs = new Map<number, Float32Array>();
const lookLabs = new WeakMap<Lut3D, Map<number, Float32Array>>();

function gridLab(size: number, colourAt: (rgb: Float64Array, out: Float64Array) => void): Float32Array {
  const lab = new Float32Array(size * size * size * 3);
  const scale = 1 / (size - 1);
  const rgb = new Float64Array(3);
  const colour = new Float64Array(3);
  const point = new Float64Array(3);
  let o = 0;
  for (let b = 0; b < size; b++) {
    for (let g = 0; g < size; g++) {
      for (let r = 0; r < size; r++, o += 3) {
        rgb[0] = r * scale;
        rgb[1] = g * scale;
        rgb[2] = b * scale;
        colourAt(rgb, colour);
        srgbToLab(colour[0], colour[1], colour[2], point);
        lab[o] = point[0];
        lab[o + 1] = point[1];
        lab[o + 2] = point[2];
      }
    }
  }
  return lab;
}

function labGrid(lut: Lut3D, size: number): LabGrid {
  let input = inputLabs.get(size);
  if (!input) {
    // At most the two sizes in use (a draft and a full preview); a size's grid is 0.4–3.3 MB.
    if (inputLabs.size >= 2) inputLabs.delete(inputLabs.keys().next().value!);
    inputLabs.set(size, (input = gridLab(size, (rgb, out) => out.set(rgb))));
  }
  let bySize = lookLabs.get(lut);
  if (!bySize) lookLabs.set(lut, (bySize = new Map()));
  let look = bySize.get(size);
  if (!look) bySize.set(size, (look = gridLab(size, (rgb, out) => sampleLut(lut, rgb, out))));
  return { input, look };
}

/**
 * The look with its colour and tone faded, as a plain lattice on the unit domain (no shaper:
 * the look's shaper and domain are sampled through, as photos' sRGB-encoded values span [0,1]).
 * At colour 1 and tone 1 it is `lut` itself, the same object, so grading is bit-identical to
 * grading without strengths.
 */
export function withLookStrengths(lut: Lut3D, strengths: LookStrengths, size = strengthsLatticeSize(lut)): Lut3D {
  if (!changesLook(strengths)) return lut;
  const colour = checked('colour strength', strengths.colour);
  const tone = checked('tone strength', strengths.tone);
  const { input, look } = labGrid(lut, size);
  const data = new Float32Array(input.length);
  const rgb = new Float64Array(3);
  for (let o = 0; o < data.length; o += 3) fadeInLab(input, look, o, colour, tone, rgb, data, o);
  return { title: lut.title, size, data, domainMin: UNIT_MIN, domainMax: UNIT_MAX };
}
