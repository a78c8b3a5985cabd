/**
 * The batch form's settings, kept outside the view so that leaving for another view and coming
 * back finds them as they were (look, strengths, output folder and settings). The defaults of
 * Settings fill it once, the first time the batch view opens; an export preset (Settings'
 * exportPresets) sets or takes its output half.
 */
import type { ExportPreset, GradeSettings, Settings } from '../../main/contract/contract.js';
import { DEFAULT_FORMAT_CHOICE, DEFAULT_NAME_TEMPLATE, DEFAULT_QUALITY } from '../../main/common/grade-defaults.js';

type Format = GradeSettings['format'] & string;
export type Bits = '' | '8' | '16';

class BatchForm {
  presetId = $state<number | null>(null);
  strength = $state(1);
  colourStrength = $state(1);
  toneStrength = $state(1);
  out = $state('');
  format = $state<Format>(DEFAULT_FORMAT_CHOICE);
  quality = $state(DEFAULT_QUALITY);
  bits = $state<Bits>('');
  nameTemplate = $state(DEFAULT_NAME_TEMPLATE);
  recursive = $state(false);
  existing = $state<ExportPreset['existing']>('skip');
  private defaulted = false;

  /** The saved defaults, only into a form nobody has filled yet. */
  applyDefaults(s: Settings): void {
    if (this.defaulted) return;
    this.defaulted = true;
    this.format = s.outputFormat;
    this.quality = s.quality;
    this.bits = s.bits ? (String(s.bits) as Bits) : '';
    this.nameTemplate = s.nameTemplate;
  }

  /** The output half of the form, named. */
  exportPreset(name: string): ExportPreset {
    return {
      name: name.trim(),
      out: this.out.trim(),
      format: this.format,
      quality: Number(this.quality),
      bits: this.bits ? (Number(this.bits) as 8 | 16) : null,
      nameTemplate: this.nameTemplate,
      recursive: this.recursive,
      existing: this.existing,
    };
  }

  useExportPreset(p: ExportPreset): void {
    this.defaulted = true;
    this.out = p.out;
    this.format = p.format;
    this.quality = p.quality;
    this.bits = p.bits ? (String(p.bits) as Bits) : '';
    this.nameTemplate = p.nameTemplate;
    this.recursive = p.recursive;
    this.existing = p.existing;
  }

  /** Back to a fresh page's form (tests). */
  reset(): void {
    const blank = { name: '', out: '', format: DEFAULT_FORMAT_CHOICE, quality: DEFAULT_QUALITY, bits: null, nameTemplate: DEFAULT_NAME_TEMPLATE };
    this.useExportPreset({ ...blank, recursive: false, existing: 'skip' });
    this.presetId = null;
    this.strength = this.colourStrength = this.toneStrength = 1;
    this.defaulted = false;
  }
}

export const batchForm = new BatchForm();
