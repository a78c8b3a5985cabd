/** `nilut apply <lut> <image...> --out <file|dir>`: grade images with a LUT file. */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readImageHeader } from '../../core/grading/image-io.js';
import { throwIfCancelled } from '../../core/errors.js';
import { applyLutToImageFile } from '../../core/grading/apply-image.js';
import { InputLocations, refuseOutputOntoInput, resolvedPath } from '../../core/output-safety.js';
import { prepareLut } from '../../core/lut/apply.js';
import { defaultLutWorkerPool, tabulationPays } from '../../core/lut/parallel-apply.js';
import { isModelName } from '../../common/formats/model-formats.js';
import { resolveLook } from '../../core/grading/look.js';
import type { Lut3D } from '../../core/lut/lut.js';
import { readModelFile } from '../../core/nilut/model-file.js';
import { parseBlend } from '../blend-option.js';
import type { Interpolation } from '../../core/lut/sample.js';
import { UsageError } from '../errors.js';
import { oneOf } from '../option-parsers.js';
import { LUT_HELP, MODEL_HELP, PHOTO_HELP } from '../format-help.js';
import { createOutput } from '../output.js';
import type { Output } from '../output.js';
import { withInterrupt } from '../signals.js';
import {
  bakeSizeOption,
  colourStrengthOption,
  lookStrengthsOf,
  overwriteOption,
  qualityOption,
  refuseExistingOutputs,
  strengthOption,
  toneStrengthOption,
} from '../common-options.js';
import { changesLook, withLookStrengths } from '../../core/lut/look-strengths.js';

interface ApplyOptions {
  out: string;
  direct?: boolean;
  blend?: number[];
  size: number;
  interp: Interpolation;
  strength: number;
  colourStrength: number;
  toneStrength: number;
  quality: number;
  overwrite?: boolean;
  json?: boolean;
}

/** Where each input goes: one file, or same-named files inside a folder. */
export function planOutputs(images: readonly string[], out: string): string[] {
  const intoFolder = images.length > 1 || out.endsWith(path.sep) || out.endsWith('/') || (existsSync(out) && statSync(out).isDirectory());
  const targets = images.map((image) => (intoFolder ? path.join(out, path.basename(image)) : out));
  // Any input, not only its own: a.jpg into b/ must not replace an input b/a.jpg either.
  const originals = new InputLocations(images);
  const seen = new Set<string>();
  for (const target of targets) {
    refuseOutputOntoInput(target, originals, 'original photo');
    const place = resolvedPath(target);
    if (seen.has(place)) throw new UsageError(`two inputs would both be written to ${target}`);
    seen.add(place);
  }
  return targets;
}

/**
 * The look as a LUT (core/grading/look.ts, as `nilut grade` has it): a LUT file as it is, a
 * NILUT (with its blend) baked once onto a lattice and then applied like any LUT — per pixel
 * cost is then independent of the network's size — or a blend of compact looks, a lattice already.
 */
async function lookFrom(file: string, options: ApplyOptions, warn: (message: string) => void): Promise<Lut3D> {
  const model = isModelName(file);
  if (!model && options.blend) throw new UsageError(`--blend applies to NILUT models (${MODEL_HELP}), not to a LUT file`);
  const look = await resolveLook(model ? { kind: 'model', file, blend: options.blend, size: options.size } : { kind: 'lut', file });
  for (const warning of look.warnings) warn(warning);
  return look.lut;
}

/**
 * `--direct`: the network evaluated at every pixel. False, having said so, for a compact looks
 * file: a look is its lattice, so grading through the lattice is already the look itself.
 */
async function applyDirect(modelFile: string, images: string[], targets: string[], options: ApplyOptions, out: Output): Promise<boolean> {
  if (!isModelName(modelFile)) throw new UsageError(`--direct evaluates a NILUT model; give a model file (${MODEL_HELP})`);
  const contents = await readModelFile(modelFile);
  if (contents.kind === 'looks') {
    out.warn(`${path.basename(modelFile)} holds compact looks, which are lattices: --direct grades through the lattice, as without it`);
    return false;
  }
  const [{ initBackend }, { normaliseBlend }, { applyModelDirect }, { NilutModel }] = await Promise.all([
    import('../../core/nilut/backend.js'),
    import('../../core/nilut/bake.js'),
    import('../../core/nilut/apply-direct.js'),
    import('../../core/nilut/model.js'),
  ]);
  await initBackend();
  const model = new NilutModel(contents.weights);
  try {
    const weights = normaliseBlend(model, options.blend);
    for (const folder of new Set(targets.map((t) => path.dirname(t)))) await mkdir(folder, { recursive: true });
    for (let i = 0; i < images.length; i++) {
      const stats = await applyModelDirect(model, weights, images[i], targets[i], options.quality);
      out.progress(
        { done: i + 1, total: images.length, input: images[i], output: targets[i], ...stats },
        `[${i + 1}/${images.length}] ${images[i]} → ${targets[i]} (direct, ${stats.seconds.toFixed(2)} s)`,
      );
    }
  } finally {
    model.dispose();
  }
  out.result({ event: 'done', images: images.length, direct: true }, `graded ${images.length} image${images.length === 1 ? '' : 's'} with the network itself`);
  return true;
}

/** Pixels to grade, from the headers alone (unreadable files count 0 and fail later, by name). */
async function totalMegapixels(images: readonly string[]): Promise<number> {
  let total = 0;
  for (const image of images) {
    const meta = await readImageHeader(image).catch(() => undefined);
    if (meta?.width && meta.height) total += (meta.width * meta.height) / 1e6;
  }
  return total;
}

export function registerApply(program: Command): void {
  program
    .command('apply')
    .description('apply a LUT to images (sRGB-encoded values; EXIF orientation, metadata and 16-bit depth are kept)')
    .argument('<look>', `a LUT (${LUT_HELP}), a NILUT model or a compact looks file (${MODEL_HELP})`)
    .argument('<images...>', `images to grade (${PHOTO_HELP})`)
    .requiredOption('--out <path>', 'output file (one image) or folder (several images; created if missing)')
    .option('--interp <method>', 'interpolation: tetrahedral or trilinear', oneOf('--interp', ['tetrahedral', 'trilinear'] as const), 'tetrahedral')
    .addOption(strengthOption())
    .addOption(colourStrengthOption())
    .addOption(toneStrengthOption())
    .addOption(qualityOption())
    .option('--blend <weights>', 'style weights of a multi-style model, or look weights of a looks file, e.g. 0.2,0.3,0.5', parseBlend)
    .addOption(bakeSizeOption())
    .option('--direct', 'evaluate a NILUT model at every pixel instead of baking it (slow; for checking)')
    .addOption(overwriteOption())
    .option('--json', 'print one JSON event per line')
    .action(async (lutPath: string, images: string[], options: ApplyOptions) => {
      const out = createOutput(Boolean(options.json));
      const targets = planOutputs(images, options.out);
      refuseExistingOutputs(targets, options.overwrite);
      // The strengths are a lattice made from the look; --direct never makes one.
      if (options.direct && changesLook(lookStrengthsOf(options)))
        throw new UsageError('--colour-strength and --tone-strength grade through a lattice: leave out --direct');
      if (options.direct && (await applyDirect(lutPath, images, targets, options, out))) return;
      const lut = withLookStrengths(await lookFrom(lutPath, options, (message) => out.warn(message)), lookStrengthsOf(options));
      for (const folder of new Set(targets.map((t) => path.dirname(t)))) await mkdir(folder, { recursive: true });

      const prepared = prepareLut(lut, { interpolation: options.interp, strength: options.strength });
      if (tabulationPays(await totalMegapixels(images))) await defaultLutWorkerPool().tabulate(prepared);

      const results = await withInterrupt(async (signal) => {
        const graded = [];
        for (let i = 0; i < images.length; i++) {
          throwIfCancelled(signal, `cancelled after ${i} of ${images.length} images`, i);
          const stats = await applyLutToImageFile(prepared, images[i], targets[i], { quality: options.quality });
          graded.push({ input: images[i], output: targets[i], ...stats });
          out.progress(
            { done: i + 1, total: images.length, input: images[i], output: targets[i], ...stats },
            `[${i + 1}/${images.length}] ${images[i]} → ${targets[i]} (${stats.megapixels.toFixed(1)} MP, ${stats.totalSeconds.toFixed(2)} s)`,
          );
        }
        return graded;
      });
      out.result({ event: 'done', images: results }, `graded ${results.length} image${results.length === 1 ? '' : 's'}`);
    });
}
