/**
 * Resetting the EXIF Orientation tag (0x0112). Pixels are written already rotated,
 * so a kept Orientation 6 would make viewers rotate them a second time; it is set to 1
 * ("top-left"). Follows the TIFF 6.0 layout that EXIF 2.3 builds on.
 */
const EXIF_HEADER = 'Exif\0\0';
const ORIENTATION_TAG = 0x0112;

interface OrientationEntry {
  readonly view: DataView;
  readonly little: boolean;
  /** Offset of the value field of the Orientation entry in IFD0. */
  readonly valueOffset: number;
}

/** Finds IFD0's Orientation entry in an EXIF block (with or without the "Exif\0\0" prefix). */
function findOrientation(exif: Uint8Array): OrientationEntry | undefined {
  const start = Buffer.from(exif.subarray(0, 6)).toString('latin1') === EXIF_HEADER ? 6 : 0;
  const view = new DataView(exif.buffer, exif.byteOffset + start, exif.byteLength - start);
  if (view.byteLength < 8) return undefined;
  const order = view.getUint16(0);
  const little = order === 0x4949;
  if (!little && order !== 0x4d4d) return undefined;
  const ifd0 = view.getUint32(4, little);
  if (ifd0 + 2 > view.byteLength) return undefined;
  const count = view.getUint16(ifd0, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > view.byteLength) return undefined;
    // Type SHORT, count 1: the value sits in the first two bytes of the value field.
    if (view.getUint16(entry, little) === ORIENTATION_TAG) return { view, little, valueOffset: entry + 8 };
  }
  return undefined;
}

/** A copy of `exif` whose IFD0 Orientation is 1. */
export function withUprightOrientation(exif: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(exif);
  const entry = findOrientation(copy);
  entry?.view.setUint16(entry.valueOffset, 1, entry.little);
  return copy;
}
