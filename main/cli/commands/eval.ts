/** `nilut eval <model> --lut <lut...>`: fidelity of a NILUT against the LUTs it learned. */
import type { Command } from 'commander';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ColourMetrics } from '../../core/color/metrics.js';
import { compareColours } from '../../core/color/metrics.js';
import { photoFormatOfName } from '../../common/formats/photo-formats.js';
import { readImage } from '../../core/grading/image-io.js';
import { readLutFile } from '../../core/lut/lut-file.js';
import { initBackend } from '../../core/nilut/backend.js';
import { bakeModel, DEFAULT_BAKE_SIZE } from '../../core/nilut/bake.js';
import { bakedVersusDirect, colourGrid, evaluateBlends, evaluateStyles, throughLut } from '../../core/nilut/evaluate.js';
import { readModelFile } from '../../core/nilut/model-file.js';
import { NilutModel, evaluateModel } from '../../core/nilut/model.js';
import { UsageError } from '../errors.js';
import { MODEL_HELP } from '../format-help.js';
import { integerInRange } from '../option-parsers.js';
import { createOutput } from '../output.js';

function line(label: string, m: ColourMetrics): string {
  return `${label.padEnd(28)} PSNR ${m.psnr.toFixed(2).padStart(6)} dB   ΔE76 ${m.deltaE76.mean.toFixed(3)}   ΔE2000 mean ${m.deltaE2000.mean.toFixed(3)} p95 ${m.deltaE2000.p95.toFixed(3)} max ${m.deltaE2000.max.toFixed(3)}`;
}

/** Pixels of every image in a folder, as sRGB-encoded colours (8-bit photos only, subsampled). */
async function photoColours(dir: string, maxPerImage = 100_000): Promise<Array<{ name: string; colours: Float32Array }>> {
  const names = (await readdir(dir)).filter((n) => photoFormatOfName(n) !== undefined).sort();
  const photos = [];
  for (const name of names) {
    const image = await readImage(path.join(dir, name)).catch(() => undefined);
    if (!image) continue;
    const count = image.width * image.height;
    const stride = Math.max(1, Math.floor(count / maxPerImage));
    const max = image.bits === 16 ? 65535 : 255;
    const colours = new Float32Array(Math.ceil(count / stride) * 3);
    for (let i = 0, o = 0; i < count; i += stride, o += 3) for (let c = 0; c < 3; c++) colours[o + c] = image.pixels[i * image.channels + c] / max;
    photos.push({ name, colours });
  }
  return photos;
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('measure how faithfully a NILUT reproduces its LUTs (PSNR, ΔE76, ΔE2000) on a colour grid, photos and blends')
    .argument('<model>', `a NILUT model (${MODEL_HELP})`)
    .requiredOption('--lut <luts...>', 'the LUTs of its styles, in style order')
    .option('--images <dir>', 'also evaluate on the photos in this folder')
    .option('--blends <n>', 'random blends to evaluate (multi-style models)', integerInRange('--blends', 0, 1000), 20)
    .option('--json', 'print one JSON object')
    .action(async (modelFile: string, options: { lut: string[]; images?: string; blends: number; json?: boolean }) => {
      await initBackend();
      const loaded = await readModelFile(modelFile);
      const k = Math.max(1, loaded.weights.architecture.styles);
      if (options.lut.length !== k) throw new UsageError(`the model holds ${k} style${k > 1 ? 's' : ''} but ${options.lut.length} LUTs were given`);
      const luts = await Promise.all(options.lut.map(async (f) => (await readLutFile(f)).lut));
      const model = new NilutModel(loaded.weights);
      const grid = colourGrid(33);
      const styles = await evaluateStyles(model, luts, grid);
      const blends = k > 1 ? await evaluateBlends(model, luts, grid, options.blends) : [];
      const photos = [];
      for (const photo of options.images ? await photoColours(options.images) : []) {
        for (let s = 0; s < luts.length; s++) {
          const weights = loaded.weights.architecture.styles === 0 ? [] : luts.map((_, j) => (j === s ? 1 : 0));
          photos.push({
            photo: photo.name,
            style: s,
            metrics: compareColours(throughLut(luts[s], photo.colours), await evaluateModel(model, photo.colours, weights)),
          });
        }
      }
      // What baking to the default 33³ lattice costs, against the network itself on random colours.
      const firstStyle = loaded.weights.architecture.styles === 0 ? [] : luts.map((_, j) => (j === 0 ? 1 : 0));
      const probe = Float32Array.from({ length: 3 * 50_000 }, () => Math.random());
      const baking = await bakedVersusDirect(model, await bakeModel(model, firstStyle.length ? firstStyle : undefined, DEFAULT_BAKE_SIZE), firstStyle, probe);
      model.dispose();
      const human = [
        line(`baked ${DEFAULT_BAKE_SIZE}³ vs network itself`, baking),
        ...styles.map((e) => line(`grid 33³, ${loaded.styleNames[e.style] ?? `style ${e.style + 1}`}`, e.metrics)),
        ...blends.map((b, i) => line(`grid 33³, blend ${i + 1}`, b.metrics)),
        ...photos.map((p) => line(`${p.photo}, style ${p.style + 1}`, p.metrics)),
      ];
      createOutput(Boolean(options.json)).result({ model: modelFile, styles, blends, photos, baking }, human.join('\n'));
    });
}
