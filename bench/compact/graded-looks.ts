/**
 * Smooth analytic grades for bench:compact, written the way a colourist builds a look: curves,
 * white balance, saturation and toning on sRGB-encoded values. They complete the fixtures'
 * creative looks (looks.ts) with grades of known form, each a plausible photographic look:
 * not an identity, no discontinuity, every output clipped to [0,1].
 */
import { identityLut, type Lut3D } from '../../main/core/lut/lut.js';
import { linearToSrgb, srgbToLinear } from '../../main/core/color/srgb.js';

type Rgb = [number, number, number];

export interface Grade {
  readonly name: string;
  /** The formula in words (for the benchmark's origin column). */
  readonly formula: string;
  readonly grade: (rgb: Rgb) => Rgb;
}

/** Lattice points per axis of a generated look: the common 33³ of grading LUTs. */
export const GRADE_LATTICE = 33;

/** Luma Y' of encoded values with the Rec. 709 weights (ITU-R BT.709-6, item 3.2), the axis grading tools turn colours around. */
function luma([r, g, b]: Rgb): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/**
 * A logistic S-curve of steepness k rescaled to pass through (0,0), (½,½) and (1,1); its slope
 * at mid grey is (k/4)/tanh(k/4): 1.18 for k = 3, 1.31 for 4, 1.47 for 5, 1.66 for 6, 2.07 for 8.
 */
function sCurve(v: number, k: number): number {
  return 0.5 + (0.5 * Math.tanh((k / 2) * (v - 0.5))) / Math.tanh(k / 4);
}

/** Moves every channel away from (or towards) the colour's luma by `amount` (1 keeps it, 0 is grey). */
function saturate(rgb: Rgb, amount: number): Rgb {
  const y = luma(rgb);
  return [y + (rgb[0] - y) * amount, y + (rgb[1] - y) * amount, y + (rgb[2] - y) * amount];
}

/** Each channel clipped to [0,1], as a grading tool's output clips: a grade that pushes a colour past the gamut's edge loses the excess. */
function clip(rgb: Rgb): Rgb {
  return [clamp01(rgb[0]), clamp01(rgb[1]), clamp01(rgb[2])];
}

/** White balance as gains on linear light (where a change of illuminant acts), with an exposure curve that still maps 1 to 1. */
function whiteBalance(rgb: Rgb, gains: Rgb, lift: number): Rgb {
  return rgb.map((v, c) => {
    const linear = srgbToLinear(v) * gains[c];
    return linearToSrgb((linear * (1 + lift)) / (1 + lift * linear));
  }) as Rgb;
}

/** Weight of a colour's tone: 1 at black falling to 0 at white (¼ at mid grey), and its mirror for the highlights. */
const shadows = (y: number) => (1 - y) ** 2;
const highlights = (y: number) => y ** 2;

const mix = (a: number, b: number, t: number) => a + (b - a) * t;

/** A colour's chroma: how far each channel sits from its luma. */
function chromaOf(rgb: Rgb): Rgb {
  const y = luma(rgb);
  return [rgb[0] - y, rgb[1] - y, rgb[2] - y];
}

/**
 * The teal-orange axis of chroma, from teal (0, ½, ½) to orange (1, ½, 0), of unit length.
 * Both ends are chroma vectors, so moving along it leaves luma unchanged.
 */
const TEAL_TO_ORANGE: Rgb = (() => {
  const [teal, orange] = [chromaOf([0, 0.5, 0.5]), chromaOf([1, 0.5, 0])];
  const d = orange.map((v, c) => v - teal[c]);
  const length = Math.hypot(...d);
  return d.map((v) => v / length) as Rgb;
})();

/** Cb and Cr of encoded values (ITU-R BT.709-6, item 3.3: Cb = (B'-Y')/1.8556, Cr = (R'-Y')/1.5748). */
function toCbCr(rgb: Rgb): [number, number] {
  const y = luma(rgb);
  return [(rgb[2] - y) / 1.8556, (rgb[0] - y) / 1.5748];
}

function fromYCbCr(y: number, cb: number, cr: number): Rgb {
  const r = y + 1.5748 * cr;
  const b = y + 1.8556 * cb;
  return [r, (y - 0.2126 * r - 0.0722 * b) / 0.7152, b];
}

/** Hue angle in the CbCr plane, in degrees. */
const hueOf = ([cb, cr]: [number, number]) => (Math.atan2(cr, cb) * 180) / Math.PI;

/** The hue of the ColorChecker's "light skin" patch (sRGB 194, 150, 130; BabelColor's sRGB table): about 123°. */
const SKIN_HUE = hueOf(toCbCr([194 / 255, 150 / 255, 130 / 255]));

export const GRADES: readonly Grade[] = [
  {
    name: 'split-tone-blue-gold',
    formula: 'shadows pushed towards blue-violet by up to 0.09·(1-Y)², highlights towards gold by up to 0.08·Y²',
    grade: (rgb) => {
      const y = luma(rgb);
      const lo = shadows(y);
      const hi = highlights(y);
      return clip([rgb[0] - 0.03 * lo + 0.08 * hi, rgb[1] - 0.04 * lo + 0.04 * hi, rgb[2] + 0.09 * lo - 0.08 * hi]);
    },
  },
  {
    name: 'sigmoid-teal-orange',
    formula:
      'logistic S-curve k=6 (mid slope 1.66) per channel; chroma off the teal-orange axis kept at 55%; a shift along that axis of 0.1·tanh(4·(Y-0.45)) (teal in the shadows, orange in the highlights)',
    grade: (rgb) => {
      const curved = rgb.map((v) => sCurve(v, 6)) as Rgb;
      const y = luma(curved);
      const chroma = chromaOf(curved);
      const along = chroma[0] * TEAL_TO_ORANGE[0] + chroma[1] * TEAL_TO_ORANGE[1] + chroma[2] * TEAL_TO_ORANGE[2];
      const shifted = along + 0.1 * Math.tanh(4 * (y - 0.45));
      return clip(curved.map((_, c) => y + (chroma[c] - along * TEAL_TO_ORANGE[c]) * 0.55 + shifted * TEAL_TO_ORANGE[c]) as Rgb);
    },
  },
  {
    name: 'faded-matte-film',
    formula:
      'lifted blacks (0→0.08) and rolled-off whites (1→0.93) over a logistic S-curve k=4 (mid slope 1.31), saturation 0.8, a warm tint peaking in the mids',
    grade: (rgb) => {
      const faded = rgb.map((v) => 0.08 + 0.85 * sCurve(v, 4)) as Rgb;
      const y = luma(faded);
      const mids = 4 * y * (1 - y);
      const [r, g, b] = saturate(faded, 0.8);
      return clip([r + 0.02 * mids, g + 0.005 * mids, b - 0.025 * mids]);
    },
  },
  {
    name: 'cross-process',
    formula: 'per-channel curves of slide film developed as a negative: red S k=8 (mid slope 2.07), green 0.03 + 0.95·S k=5, blue flattened to 0.12 + 0.72·b',
    grade: ([r, g, b]) => clip([sCurve(r, 8), 0.03 + 0.95 * sCurve(g, 5), 0.12 + 0.72 * b]),
  },
  {
    name: 'warm-white-balance',
    formula: 'linear-light gains (1, 0.93, 0.78) of a warmer illuminant, exposure curve 1.25·x/(1 + 0.25·x) on linear light, saturation 1.12',
    grade: (rgb) => clip(saturate(whiteBalance(rgb, [1, 0.93, 0.78], 0.25), 1.12)),
  },
  {
    name: 'cool-white-balance',
    formula: 'linear-light gains (0.82, 0.95, 1) of a cooler illuminant, exposure curve 1.2·x/(1 + 0.2·x) on linear light, saturation 0.9',
    grade: (rgb) => clip(saturate(whiteBalance(rgb, [0.82, 0.95, 1], 0.2), 0.9)),
  },
  {
    name: 'sepia-duotone',
    formula:
      "Y' through a logistic S-curve k=3 (mid slope 1.18) onto a dark-brown (0.10, 0.05, 0.02) to cream (1, 0.95, 0.82) gradient, 10% of the original colour kept",
    grade: (rgb) => {
      const t = sCurve(luma(rgb), 3);
      const tone: Rgb = [mix(0.1, 1, t), mix(0.05, 0.95, t), mix(0.02, 0.82, t)];
      return clip(tone.map((v, c) => mix(v, rgb[c], 0.1)) as Rgb);
    },
  },
  {
    name: 'bleach-bypass',
    formula: "soft-light blend (Pegtop: (1-2Y)·v² + 2Y·v) of each channel v with its own luma Y', which on greys is smoothstep contrast, then saturation 0.5",
    grade: (rgb) => {
      const y = luma(rgb);
      return clip(saturate(rgb.map((v) => (1 - 2 * y) * v * v + 2 * y * v) as Rgb, 0.5));
    },
  },
  {
    name: 'hue-shift-away-from-skin',
    formula:
      'hues in the BT.709 CbCr plane turned by -25°·(1 - exp(-(Δh/40°)²)), Δh the distance from the skin hue (≈123°): blues towards cyan, greens towards yellow, skin kept; luma kept',
    grade: (rgb) => {
      const cbcr = toCbCr(rgb);
      const fromSkin = ((((hueOf(cbcr) - SKIN_HUE) % 360) + 540) % 360) - 180;
      // The turn changes with hue at most 0.54° per degree, so hues keep their order.
      const turn = (-25 * (1 - Math.exp(-((fromSkin / 40) ** 2))) * Math.PI) / 180;
      const [cb, cr] = cbcr;
      return clip(fromYCbCr(luma(rgb), cb * Math.cos(turn) - cr * Math.sin(turn), cb * Math.sin(turn) + cr * Math.cos(turn)));
    },
  },
  {
    name: 'strong-s-curve-vivid',
    formula: 'logistic S-curve k=8 (mid slope 2.07) per channel, then saturation 1.3',
    grade: (rgb) => clip(saturate(rgb.map((v) => sCurve(v, 8)) as Rgb, 1.3)),
  },
];

/** The grade sampled on a 33³ lattice in the Lut3D order (red fastest), titled with its name. */
export function gradeLut(grade: Grade, size = GRADE_LATTICE): Lut3D {
  const lattice = identityLut(size, grade.name);
  const data = new Float32Array(lattice.data.length);
  for (let o = 0; o < data.length; o += 3) {
    const out = grade.grade([lattice.data[o], lattice.data[o + 1], lattice.data[o + 2]]);
    data[o] = out[0];
    data[o + 1] = out[1];
    data[o + 2] = out[2];
  }
  return { ...lattice, data };
}
