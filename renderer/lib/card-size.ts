import { LIMITS } from '../../main/contract/limits.js';

/**
 * The library grid's card width (Lightroom's thumbnail-size slider, `=` larger and `-` smaller),
 * in CSS pixels: from five cards across a 1440 px window's grid to two.
 */
export const CARD_SIZE = { min: 140, max: 480, step: 40, initial: 200 } as const;

export function resizedCard(size: number, direction: 1 | -1): number {
  return clampCard(size + direction * CARD_SIZE.step);
}

export function clampCard(size: number): number {
  return Math.min(CARD_SIZE.max, Math.max(CARD_SIZE.min, Math.round(size)));
}

/**
 * The thumbnail edge a card of this width needs on this screen, in three steps (256, 512, 1024)
 * so that moving the slider reuses the library's cached thumbnails instead of rendering each
 * width anew. `smallest`: the Settings' thumbnail size, the least a thumbnail is made at.
 */
export function thumbnailEdgeFor(cardWidth: number, devicePixelRatio: number, smallest = 0): number {
  const needed = Math.max(smallest, cardWidth * Math.max(1, devicePixelRatio));
  for (const edge of [256, 512]) if (needed <= edge) return edge;
  return LIMITS.maxThumbnailEdge;
}
