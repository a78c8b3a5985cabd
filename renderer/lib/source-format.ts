/**
 * What a preset was imported from, as the card and the side panel say it: the format's name
 * from the format registries (so a new format needs no label here) and its lattice size.
 */
import { LUT_FORMATS } from '../../main/common/formats/lut-formats.js';
import { MODEL_FORMATS } from '../../main/common/formats/model-formats.js';

const FORMATS: readonly { readonly id: string; readonly name: string }[] = [...LUT_FORMATS, ...MODEL_FORMATS];

/** Every source format a preset may carry, for the format filter: id and the registry's name. */
export const SOURCE_FORMATS: readonly { readonly id: string; readonly name: string }[] = FORMATS;

/** The registry's name of a format id ('hald' → 'Hald CLUT image'); the id itself when unknown. */
export function sourceFormatName(id: string | null): string | null {
  if (id === null) return null;
  return FORMATS.find((f) => f.id === id)?.name ?? id;
}

/** The card's short badge: the format id and lattice size ('hald 144³', 'cube 33³', 'nilut'). */
export function sourceBadge(sourceFormat: string | null, latticeSize: number | null): string | null {
  if (sourceFormat === null) return null;
  return latticeSize ? `${sourceFormat} ${latticeSize}³` : sourceFormat;
}
