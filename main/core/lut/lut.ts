/**
 * The one in-memory LUT type every reader produces and every writer and applier consumes.
 *
 * Colour space: a LUT maps encoded RGB values to encoded RGB values. Unless a file says
 * otherwise, NILUT Studio treats both sides as sRGB-encoded (gamma, not linear) values, as
 * Resolve, Lightroom and film-emulation packs do.
 */

export type Vec3 = readonly [number, number, number];

/** Per-channel 1D curve applied before the 3D lattice (a Resolve "shaper"). */
export interface Shaper1D {
  /** Number of entries per channel, 2..65536. */
  readonly size: number;
  /** size × 3 values, interleaved r,g,b per entry. */
  readonly data: Float32Array;
  /** Input value mapped to entry 0, per channel. */
  readonly domainMin: Vec3;
  /** Input value mapped to entry size-1, per channel. */
  readonly domainMax: Vec3;
}

export interface Lut3D {
  /** Human-readable title from the file (TITLE line, Hald file name...), if any. */
  readonly title?: string;
  /** Lattice points per axis, 2..256. */
  readonly size: number;
  /**
   * size³ × 3 float values, red varying fastest (Adobe Cube LUT 1.0 order):
   * the entry for lattice point (r, g, b) starts at ((b·size + g)·size + r)·3.
   */
  readonly data: Float32Array;
  /** Input value mapped to lattice index 0, per channel (after the shaper, if any). */
  readonly domainMin: Vec3;
  /** Input value mapped to lattice index size-1, per channel. */
  readonly domainMax: Vec3;
  /** Optional per-channel 1D curve applied to the input before the 3D lattice. */
  readonly shaper?: Shaper1D;
}

export const UNIT_MIN: Vec3 = [0, 0, 0];
export const UNIT_MAX: Vec3 = [1, 1, 1];

/** Index of the first of the three floats of lattice point (r, g, b). */
export function latticeOffset(size: number, r: number, g: number, b: number): number {
  return ((b * size + g) * size + r) * 3;
}

/**
 * Lattices of at least this many floats (a 70³ LUT's) live in shared memory: the worker
 * threads that apply them then share one copy instead of each receiving its own (a 256³
 * lattice is 201 MB).
 */
export const SHARED_LATTICE_FLOATS = 1 << 20;

/** Storage for `length` lattice floats: shared memory from SHARED_LATTICE_FLOATS on, zeroed. */
export function latticeArray(length: number): Float32Array {
  return length >= SHARED_LATTICE_FLOATS ? new Float32Array(new SharedArrayBuffer(length * 4)) : new Float32Array(length);
}

/** A LUT that maps every colour to itself: the lattice holds its own coordinates. */
export function identityLut(size: number, title?: string): Lut3D {
  const data = latticeArray(size * size * size * 3);
  const scale = 1 / (size - 1);
  let o = 0;
  for (let b = 0; b < size; b++) {
    for (let g = 0; g < size; g++) {
      for (let r = 0; r < size; r++) {
        data[o++] = r * scale;
        data[o++] = g * scale;
        data[o++] = b * scale;
      }
    }
  }
  return { title, size, data, domainMin: UNIT_MIN, domainMax: UNIT_MAX };
}

/** True when the LUT's input domain is [0,1] on every channel and it has no shaper. */
export function isPlainUnitLut(lut: Lut3D): boolean {
  return lut.shaper === undefined && lut.domainMin.every((v) => v === 0) && lut.domainMax.every((v) => v === 1);
}

/** A non-fatal remark a reader makes about a file (an unknown but harmless keyword...). */
export interface LutWarning {
  readonly line?: number;
  readonly message: string;
}

export interface LutReadResult {
  readonly lut: Lut3D;
  readonly warnings: LutWarning[];
}
