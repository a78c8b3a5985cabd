/**
 * How much work and memory one file a person hands us may cost, for every reader, in one place:
 * checked before the work (file size before reading, a lattice's declared size before its
 * rows, image dimensions from the header before decoding, a zip entry's declared size before
 * inflating, a model's architecture before allocating it). README.md's "Limits" lists these.
 * Every figure is far above what a genuine file needs, so only a hostile or broken file meets it.
 */
import { MAX_LATTICE_SIZE } from '../common/lattice-sizes.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** The largest Hald level read (level³ × level³ pixels, a level² lattice): 16, a 256³ lattice. */
export const MAX_HALD_LEVEL = 16;

export const READ_LIMITS = {
  /**
   * A .cube or .3dl file. A 256³ .cube (the largest lattice, MAX_LATTICE_SIZE) with six decimals
   * is about 450 MB, with float32's nine digits about 600 MB.
   */
  textLutBytes: 1 * GiB,
  /** Bytes a text LUT may hold beyond its data rows (header, comments, blank lines): real headers are under 4 KB. */
  textLutHeaderBytes: 1 * MiB,
  /** Bytes per declared data row: three values of up to float64's 24 characters, with spaces and CRLF, is about 75. */
  textLutRowBytes: 128,
  /** Characters in one line of a text LUT: a data row is under 100, a TITLE or comment rarely over 200. */
  textLutLineChars: 64 * KiB,
  /** A Hald or square LUT image file: a 16-bit level-16 Hald (4096², the largest) is about 100 MB as PNG or TIFF. */
  lutImageBytes: 256 * MiB,
  /** Pixels of a LUT image: the level-16 Hald, the largest image a LUT is stored in. */
  lutImagePixels: (MAX_HALD_LEVEL * MAX_HALD_LEVEL * MAX_HALD_LEVEL) ** 2,
  /** A photo file: a 268-megapixel 16-bit RGBA TIFF without compression is about 2.1 GB. */
  photoBytes: 2 * GiB + 256 * MiB,
  /** Pixels of a photo: sharp's own default (16383², 268 MP), stated here so it is one figure; medium-format cameras make 150 MP. */
  photoPixels: 16383 * 16383,
  /** A .nilut model (a network or compact looks): the largest network below at float32 is 64 MB. */
  modelBytes: 128 * MiB,
  /** A .nilut's JSON header: a real one is about 1 KB. */
  modelHeaderBytes: 1 * MiB,
  /** Nesting of the JSON header's training and metrics records (a real one nests 2 deep). */
  modelHeaderDepth: 16,
  /**
   * Styles of a conditional NILUT: as many as a blend may weigh. The same figure as
   * contract/limits.ts's maxStyles, which the core may not import (the layers' lint rule).
   */
  modelStyles: 64,
  /** Hidden width H: the fitter offers up to 1024, the paper uses 128–256. */
  modelUnits: 4096,
  /** Hidden layers L: the fitter offers up to 8, the paper uses 2–3. */
  modelLayers: 64,
  /** Parameters (weights and biases) of a network: 16 M, 64 MB at float32; 1024 × 8 layers is 8.4 M. */
  modelParameters: 16 * MiB,
  /** Lattice points of all the looks of one compact looks file together: one 256³ lattice. */
  looksPoints: MAX_LATTICE_SIZE ** 3,
  /** A PyTorch .pt zip file, and the bytes all its entries inflate to (declared sizes, before inflating): a model and its optimiser state. */
  pytorchBytes: 256 * MiB,
  pytorchInflatedBytes: 256 * MiB,
  /** Entries of a .pt zip: torch.save writes one per tensor storage and a few more; the paper's nilutx3style.pt has 34. */
  pytorchEntries: 10_000,
} as const;

/** What a readable file is and how large it may be, for the opener's messages: "a LUT file". */
export interface ReadBudget {
  readonly what: string;
  readonly maxBytes: number;
}

export const BUDGETS = {
  textLut: { what: 'a text LUT file', maxBytes: READ_LIMITS.textLutBytes },
  lutImage: { what: 'a LUT image', maxBytes: READ_LIMITS.lutImageBytes },
  photo: { what: 'a photo', maxBytes: READ_LIMITS.photoBytes },
  model: { what: 'a .nilut model', maxBytes: READ_LIMITS.modelBytes },
  pytorch: { what: 'a PyTorch checkpoint', maxBytes: READ_LIMITS.pytorchBytes },
} as const satisfies Record<string, ReadBudget>;

/** Bytes, in the unit a person reads ("1.0 GiB", "512 MiB", "300 KiB"). */
export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GiB`;
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(bytes % MiB === 0 ? 0 : 1)} MiB`;
  if (bytes >= KiB) return `${Math.round(bytes / KiB)} KiB`;
  return `${bytes} bytes`;
}
