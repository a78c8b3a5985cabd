/** `nilut eval <model> --lut <lut...>`: fidelity of a NILUT, or of compact looks, against the LUTs they learned. */
import type { Command } from 'commander';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ColourMetrics } from '../../core/color/metrics.js';
import { DEFAULT_BAKE_SIZE } from '../../common/lattice-sizes.js';
import { photoFormatOfName } from '../../common/formats/photo-formats.js';
import { evaluateLookBlends, evaluateLooks } from '../../core/compact/evaluate-looks.js';
import type { DecodedLook } from '../../core/compact/looks-file.js';
import { readImage } from '../../core/grading/image-io.js';
import { readLutFile } from '../../core/lut/lut-file.js';
import type { Lut3D } from '../../core/lut/lut.js';
import type { BlendEvaluation, StyleEvaluation } from '../../core/nilut/evaluate.js';
import { colourGrid } from '../../core/nilut/evaluation-samples.js';
import type { LoadedModel } from '../../core/nilut/model-file.js';
import { readModelFile } from '../../core/nilut/model-file.js';
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

type Photo = Awaited<ReturnType<typeof photoColours>>[number];
type PhotoMetrics = { photo: string; style: number; metrics: ColourMetrics };

interface Evaluation {
  readonly styles: StyleEvaluation[];
  readonly blends: BlendEvaluation[];
  readonly photos: PhotoMetrics[];
  /** How far the default bake is from the network itself; null for looks, which are lattices. */
  readonly baking: ColourMetrics | null;
}

/** Each photo's evaluation per style, one photo at a time (a network's evaluations share one backend). */
async function perPhoto(
  photos: readonly Photo[],
  evaluate: (colours: Float32Array) => StyleEvaluation[] | Promise<StyleEvaluation[]>,
): Promise<PhotoMetrics[]> {
  const metrics: PhotoMetrics[] = [];
  for (const photo of photos) for (const e of await evaluate(photo.colours)) metrics.push({ photo: photo.name, style: e.style, metrics: e.metrics });
  return metrics;
}

async function evaluateLooksFile(looks: readonly DecodedLook[], luts: readonly Lut3D[], photos: readonly Photo[], blendCount: number): Promise<Evaluation> {
  const lattices = looks.map((l) => l.lattice);
  const grid = colourGrid(33);
  return {
    styles: evaluateLooks(lattices, luts, grid),
    blends: luts.length > 1 ? evaluateLookBlends(lattices, luts, grid, blendCount) : [],
    photos: await perPhoto(photos, (colours) => evaluateLooks(lattices, luts, colours)),
    baking: null,
  };
}

/** TensorFlow.js is loaded here, not at the top, so evaluating compact looks does not pay for it. */
async function evaluateNetwork(loaded: LoadedModel, luts: readonly Lut3D[], photos: readonly Photo[], blendCount: number): Promise<Evaluation> {
  const [{ initBackend }, { bakeModel }, { bakedVersusDirect, evaluateBlends, evaluateStyles }, { NilutModel }] = await Promise.all([
    import('../../core/nilut/backend.js'),
    import('../../core/nilut/bake.js'),
    import('../../core/nilut/evaluate.js'),
    import('../../core/nilut/model.js'),
  ]);
  await initBackend();
  const model = new NilutModel(loaded.weights);
  try {
    const grid = colourGrid(33);
    const styles = await evaluateStyles(model, luts, grid);
    const blends = luts.length > 1 ? await evaluateBlends(model, luts, grid, blendCount) : [];
    const photoMetrics = await perPhoto(photos, (colours) => evaluateStyles(model, luts, colours));
    // What baking to the default 33³ lattice costs, against the network itself on random colours.
    const firstStyle = loaded.weights.architecture.styles === 0 ? [] : luts.map((_, j) => (j === 0 ? 1 : 0));
    const probe = Float32Array.from({ length: 3 * 50_000 }, () => Math.random());
    const baked = await bakeModel(model, firstStyle.length ? firstStyle : undefined, DEFAULT_BAKE_SIZE);
    return { styles, blends, photos: photoMetrics, baking: await bakedVersusDirect(model, baked, firstStyle, probe) };
  } finally {
    model.dispose();
  }
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('measure how faithfully a NILUT or compact looks reproduce their LUTs (PSNR, ΔE76, ΔE2000) on a colour grid, photos and blends')
    .argument('<model>', `a NILUT model or a compact looks file (${MODEL_HELP})`)
    .requiredOption('--lut <luts...>', 'the LUTs of its styles or looks, in their order')
    .option('--images <dir>', 'also evaluate on the photos in this folder')
    .option('--blends <n>', 'random blends to evaluate (multi-style models, several looks)', integerInRange('--blends', 0, 1000), 20)
    .option('--json', 'print one JSON object')
    .action(async (modelFile: string, options: { lut: string[]; images?: string; blends: number; json?: boolean }) => {
      const loaded = await readModelFile(modelFile);
      const names = loaded.kind === 'looks' ? loaded.looks.map((l) => l.name) : loaded.styleNames;
      const k = loaded.kind === 'looks' ? loaded.looks.length : Math.max(1, loaded.weights.architecture.styles);
      const noun = loaded.kind === 'looks' ? 'look' : 'style';
      if (options.lut.length !== k) throw new UsageError(`the model holds ${k} ${noun}${k > 1 ? 's' : ''} but ${options.lut.length} LUTs were given`);
      const luts = await Promise.all(options.lut.map(async (f) => (await readLutFile(f)).lut));
      const photos = options.images ? await photoColours(options.images) : [];
      const evaluation =
        loaded.kind === 'looks'
          ? await evaluateLooksFile(loaded.looks, luts, photos, options.blends)
          : await evaluateNetwork(loaded, luts, photos, options.blends);
      const { styles, blends, photos: photoMetrics, baking } = evaluation;
      const human = [
        ...(baking ? [line(`baked ${DEFAULT_BAKE_SIZE}³ vs network itself`, baking)] : []),
        ...styles.map((e) => line(`grid 33³, ${names[e.style] ?? `${noun} ${e.style + 1}`}`, e.metrics)),
        ...blends.map((b, i) => line(`grid 33³, blend ${i + 1}`, b.metrics)),
        ...photoMetrics.map((p) => line(`${p.photo}, ${noun} ${p.style + 1}`, p.metrics)),
      ];
      createOutput(Boolean(options.json)).result({ model: modelFile, kind: loaded.kind, ...evaluation }, human.join('\n'));
    });
}
