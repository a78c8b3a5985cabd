import type { FormatChoice } from '../../main/common/formats/photo-formats.js';
import type { PresetKind } from '../../main/common/vocabulary.js';
import { PHOTO_FORMATS } from '../../main/common/formats/photo-formats.js';

/** Numbers as a person reads them in the status lines. */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function fixed(n: number | null | undefined, digits: number): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);
}

/** A preset's kind as a photographer calls it: both kinds of blend are blends. */
export function kindLabel(kind: PresetKind): string {
  return KIND_LABELS[kind];
}
const KIND_LABELS: Record<PresetKind, string> = { lut: 'LUT', model: 'model', blend: 'blend', mix: 'blend' };

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** The last part of a path, for lists where the folder is the same for every row. */
/** What the format menus show for a batch's output format (the photo registry's names). */
export function formatChoiceLabel(choice: FormatChoice): string {
  return choice === 'same' ? 'Same as input' : PHOTO_FORMATS.find((f) => f.id === choice)!.name;
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
