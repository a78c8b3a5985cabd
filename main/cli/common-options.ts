/** Options several commands take with the same meaning: written once, so their help and checks agree. */
import { Option } from 'commander';
import { existsSync } from 'node:fs';
import { DEFAULT_QUALITY } from '../common/grade-defaults.js';
import { DEFAULT_BAKE_SIZE, MAX_BAKE_SIZE, MIN_LATTICE_SIZE } from '../common/lattice-sizes.js';
import type { LookStrengths } from '../core/lut/look-strengths.js';
import { UsageError } from './errors.js';
import { integerInRange, numberInRange } from './option-parsers.js';

/** `--size`: the lattice a model is baked at before it grades (apply, grade). */
export function bakeSizeOption(): Option {
  return new Option('--size <n>', `lattice size a model is baked at (${MIN_LATTICE_SIZE}..${MAX_BAKE_SIZE})`)
    .argParser(integerInRange('--size', MIN_LATTICE_SIZE, MAX_BAKE_SIZE))
    .default(DEFAULT_BAKE_SIZE);
}

/** `--strength`: how much of the look, mixed with the original (apply, grade). */
export function strengthOption(): Option {
  return new Option('--strength <s>', 'mix with the original, 0..1').argParser(numberInRange('--strength', 0, 1)).default(1);
}

/**
 * `--colour-strength` and `--tone-strength`: how much of the look's colour (CIELAB a*, b*) and
 * of its tone (L*) over the photo's own, before --strength (core/lut/look-strengths.ts).
 * apply, grade, bake and convert.
 */
export function colourStrengthOption(): Option {
  return new Option('--colour-strength <s>', "how much of the look's colour (CIELAB a*b*: hue and chroma), 0..1")
    .argParser(numberInRange('--colour-strength', 0, 1))
    .default(1);
}

export function toneStrengthOption(): Option {
  return new Option('--tone-strength <s>', "how much of the look's tone (CIELAB L*: lightness), 0..1")
    .argParser(numberInRange('--tone-strength', 0, 1))
    .default(1);
}

/** The two options' values as the core takes them. */
export function lookStrengthsOf(options: { colourStrength: number; toneStrength: number }): LookStrengths {
  return { colour: options.colourStrength, tone: options.toneStrength };
}

/** `--quality`: the encoder's quality for lossy outputs (apply, grade). */
export function qualityOption(): Option {
  return new Option('--quality <q>', 'JPEG/WebP/AVIF quality, 1..100').argParser(integerInRange('--quality', 1, 100)).default(DEFAULT_QUALITY);
}

/** `--overwrite`: replace output files that exist (apply, convert); refuseExistingOutputs is its check. */
export function overwriteOption(): Option {
  return new Option('--overwrite', 'replace output files that already exist');
}

/** Without --overwrite, an output that exists already is refused before any work is done. */
export function refuseExistingOutputs(targets: readonly string[], overwrite: boolean | undefined): void {
  if (overwrite) return;
  const existing = targets.find((target) => existsSync(target));
  if (existing !== undefined) throw new UsageError(`${existing} already exists: pass --overwrite to replace it`);
}
