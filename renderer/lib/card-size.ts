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
