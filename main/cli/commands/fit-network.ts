/**
 * `nilut fit --engine network`: a NILUT (one style) or a CNILUT (several, every blend learned)
 * trained with TensorFlow.js, written as a network .nilut (format 1) once the fit passed its
 * divergence guard and fidelity gate (core/nilut/fit.ts). Loaded only for this engine: the
 * compact one does not pay for TensorFlow.js.
 */
import { initBackend } from '../../core/nilut/backend.js';
import { fitNilut } from '../../core/nilut/fit.js';
import { fittedHeader, measureFit } from '../../core/nilut/fitted-model.js';
import { writeModelFile } from '../../core/nilut/model-file.js';
import { recoveryText } from '../../core/nilut/training-guard.js';
import type { Output } from '../output.js';
import { withInterrupt } from '../signals.js';
import type { FitSource } from './fit-sources.js';

export interface NetworkFitOptions {
  readonly out: string;
  readonly units: number;
  readonly layers: number;
  readonly steps?: number;
  readonly batch: number;
  readonly lr: number;
  readonly seed: number;
  readonly half?: boolean;
  readonly json?: boolean;
}

export async function fitNetwork(sources: readonly FitSource[], options: NetworkFitOptions, out: Output): Promise<void> {
  const backend = await initBackend();
  const interactive = !options.json && process.stderr.isTTY;
  let recoveries = 0;
  const result = await withInterrupt((signal) =>
    fitNilut(
      sources.map((s) => s.lut),
      {
        architecture: { units: options.units, layers: options.layers },
        steps: options.steps,
        batchSize: options.batch,
        learningRate: options.lr,
        seed: options.seed,
        styleNames: sources.map((s) => s.style.name),
        signal,
        onProgress: (e) => {
          for (const r of e.recoveries.slice(recoveries)) {
            if (interactive) process.stderr.write('\n');
            out.warn(recoveryText(r));
          }
          recoveries = e.recoveries.length;
          const text = `step ${e.step}/${e.steps}  loss ${e.loss.toExponential(2)}  ${e.psnr.toFixed(1)} dB  ΔE2000 ${e.deltaE2000.toFixed(2)}  ETA ${Math.ceil(e.etaSeconds)} s`;
          if (interactive) process.stderr.write(`\r${text}`);
          else out.progress({ ...e }, text);
        },
      },
    ),
  );
  if (interactive) process.stderr.write('\n');
  const luts = sources.map((s) => s.lut);
  const metrics = await measureFit(result, luts);
  await writeModelFile(
    options.out,
    await result.model.readWeights(),
    fittedHeader(
      result,
      sources.map((s) => s.style),
      backend.name,
      metrics,
      options.half ? 'float16' : 'float32',
    ),
  );
  result.model.dispose();
  out.result(
    {
      event: 'done',
      output: options.out,
      seconds: result.seconds,
      backend: backend.name,
      architecture: result.settings.architecture,
      metrics,
      recoveries: result.recoveries,
    },
    `wrote ${options.out}: ${sources.length} style${sources.length > 1 ? 's' : ''}, ${result.seconds.toFixed(1)} s on ${backend.name}, ` +
      `${metrics.psnr.toFixed(2)} dB, ΔE2000 mean ${metrics.deltaE2000.toFixed(3)} on a 17³ grid`,
  );
}
