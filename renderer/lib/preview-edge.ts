/**
 * How large a preview to ask main for: the photo fitted into the area it is shown in, in
 * device pixels (CSS size × devicePixelRatio), so the frame is drawn 1:1 rather than scaled up
 * from a fixed size. Never larger than the photo (main does not upscale either) nor than the
 * contract's limit; rounded up to a step so that small resizes reuse main's cached sizes.
 */
import { LIMITS } from '../../main/contract/limits.js';

export interface Area {
  readonly width: number;
  readonly height: number;
}

/** Before the area is known (or where nothing is laid out, as in component tests). */
export const FALLBACK_EDGE = 1024;
const STEP = 128;

export function previewEdge(area: Area | null, devicePixelRatio: number, photo: Area | null, cap: number = LIMITS.maxPreviewEdge): number {
  const photoEdge = photo ? Math.max(photo.width, photo.height) : cap;
  if (!area || area.width <= 0 || area.height <= 0) return Math.min(FALLBACK_EDGE, photoEdge, cap);
  const aspect = photo && photo.height > 0 ? photo.width / photo.height : 1;
  // The fitted image's longest side: a photo wider than the area takes its width, else its height.
  const fitted = aspect >= area.width / area.height ? area.width * Math.max(1, 1 / aspect) : area.height * Math.max(1, aspect);
  const wanted = Math.ceil((fitted * (devicePixelRatio > 0 ? devicePixelRatio : 1)) / STEP) * STEP;
  return Math.max(16, Math.min(wanted, photoEdge, cap));
}
