/**
 * Draws a before/after split onto one canvas: the after image whole, then the before image's
 * columns left of the split over it. putImageData's dirty rectangle copies only those columns,
 * so dragging the split costs no new allocation. One canvas (not two stacked) keeps what a
 * person sees and what a test reads with getImageData the same pixels.
 */
import type { PreviewImage } from '../../main/contract/contract.js';

export interface PixelTarget {
  putImageData(data: ImageData, dx: number, dy: number, dirtyX?: number, dirtyY?: number, dirtyWidth?: number, dirtyHeight?: number): void;
}

export function toImageData(image: PreviewImage): ImageData {
  const pixels = new Uint8ClampedArray(image.pixels.buffer as ArrayBuffer, image.pixels.byteOffset, image.pixels.byteLength);
  return new ImageData(pixels, image.width, image.height);
}

/** Columns of the before image shown for a split in [0, 1]. */
export function beforeColumns(width: number, split: number): number {
  return Math.round(Math.min(1, Math.max(0, split)) * width);
}

export function drawSplit(target: PixelTarget, before: ImageData | null, after: ImageData | null, split: number): void {
  if (after) target.putImageData(after, 0, 0);
  const same = before && (!after || (before.width === after.width && before.height === after.height));
  if (!before || !same) return;
  const columns = after ? beforeColumns(before.width, split) : before.width;
  if (columns > 0) target.putImageData(before, 0, 0, 0, 0, columns, before.height);
}
