/**
 * Resetting the EXIF Orientation tag (0x0112) to 1 ("top-left") inside an EXIF block, in place
 * of a copy. Needed because pixels are written already rotated: a kept Orientation 6 would make
 * viewers rotate them a second time. Follows the TIFF 6.0 layout that EXIF 2.3 builds on.
 */
const EXIF_HEADER = 'Exif\0\0';
const ORIENTATION_TAG = 0x0112;

/** A copy of `exif` (with or without the "Exif\0\0" prefix) whose IFD0 Orientation is 1. */
export function withUprightOrientation(exif: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(exif);
  const start = Buffer.from(copy.subarray(0, 6)).toString('latin1') === EXIF_HEADER ? 6 : 0;
  const view = new DataView(copy.buffer, copy.byteOffset + start, copy.byteLength - start);
  if (view.byteLength < 8) return copy;
  const order = view.getUint16(0);
  const little = order === 0x4949;
  if (!little && order !== 0x4d4d) return copy;
  const ifd0 = view.getUint32(4, little);
  if (ifd0 + 2 > view.byteLength) return copy;
  const count = view.getUint16(ifd0, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > view.byteLength) break;
    if (view.getUint16(entry, little) === ORIENTATION_TAG) {
      // Type SHORT, count 1: the value sits in the first two bytes of the value field.
      view.setUint16(entry + 8, 1, little);
      break;
    }
  }
  return copy;
}

/** The EXIF Orientation of a block, or undefined when it has none. */
export function readOrientation(exif: Uint8Array): number | undefined {
  const start = Buffer.from(exif.subarray(0, 6)).toString('latin1') === EXIF_HEADER ? 6 : 0;
  const view = new DataView(exif.buffer, exif.byteOffset + start, exif.byteLength - start);
  if (view.byteLength < 8) return undefined;
  const little = view.getUint16(0) === 0x4949;
  const ifd0 = view.getUint32(4, little);
  if (ifd0 + 2 > view.byteLength) return undefined;
  const count = view.getUint16(ifd0, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > view.byteLength) break;
    if (view.getUint16(entry, little) === ORIENTATION_TAG) return view.getUint16(entry + 8, little);
  }
  return undefined;
}
