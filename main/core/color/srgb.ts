/**
 * The sRGB transfer function (IEC 61966-2-1:1999). LUTs in NILUT Studio act on encoded
 * values; metrics that need light (CIELAB) decode first with these.
 */

/** Encoded sRGB value in [0,1] → linear light. */
export function srgbToLinear(v: number): number {
  return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}

/** Linear light → encoded sRGB value. */
export function linearToSrgb(v: number): number {
  return v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
}
