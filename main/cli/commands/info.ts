/** `nilut info <file>`: what a LUT file holds (format, lattice, domain, shaper, title), a model's header or a looks file's looks. */
import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import type { DecodedLook } from '../../core/compact/looks-file.js';
import { LOOKS_FORMAT_VERSION } from '../../core/compact/looks-file.js';
import { readLutFile } from '../../core/lut/lut-file.js';
import type { LutFile } from '../../core/lut/lut-file.js';
import { parameterCount } from '../../core/nilut/architecture.js';
import { isModelName } from '../../common/formats/model-formats.js';
import { readModelFile } from '../../core/nilut/model-file.js';
import { LUT_HELP, MODEL_HELP } from '../format-help.js';
import { createOutput } from '../output.js';

export function describeLutFile(file: LutFile) {
  const { lut } = file;
  return {
    kind: 'lut' as const,
    file: file.path,
    format: file.format,
    title: lut.title ?? null,
    size: lut.size,
    domainMin: [...lut.domainMin],
    domainMax: [...lut.domainMax],
    shaper: lut.shaper ? { size: lut.shaper.size, domainMin: [...lut.shaper.domainMin], domainMax: [...lut.shaper.domainMax] } : null,
    outputRange: outputRange(lut.data),
    warnings: file.warnings.map((w) => (w.line === undefined ? w.message : `line ${w.line}: ${w.message}`)),
  };
}

function outputRange(data: Float32Array): [number, number] {
  let min = Infinity,
    max = -Infinity;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

function humanText(info: ReturnType<typeof describeLutFile>): string {
  const lines = [
    `file:     ${info.file}`,
    `format:   ${info.format}`,
    `title:    ${info.title ?? '(none)'}`,
    `lattice:  ${info.size}³`,
    `domain:   [${info.domainMin.join(', ')}] .. [${info.domainMax.join(', ')}]`,
    `shaper:   ${info.shaper ? `1D, ${info.shaper.size} entries over [${info.shaper.domainMin.join(', ')}] .. [${info.shaper.domainMax.join(', ')}]` : 'none'}`,
    `outputs:  ${info.outputRange[0].toFixed(6)} .. ${info.outputRange[1].toFixed(6)}`,
  ];
  for (const w of info.warnings) lines.push(`warning:  ${w}`);
  return lines.join('\n');
}

function describeLooks(file: string, looks: readonly DecodedLook[], bytes: number) {
  return {
    kind: 'looks' as const,
    file,
    format: 'nilut' as const,
    formatVersion: LOOKS_FORMAT_VERSION,
    bytes,
    bytesPerLook: looks.length === 0 ? 0 : Math.round(bytes / looks.length),
    looks: looks.map((look) => ({
      name: look.name,
      size: look.lattice.size,
      bytes: look.code.length,
      sourceHash: look.sourceHash ?? null,
      deltaE2000: look.fidelity,
    })),
  };
}

function looksText(info: ReturnType<typeof describeLooks>): string {
  const count = `${info.looks.length} look${info.looks.length === 1 ? '' : 's'}`;
  return [
    `file:       ${info.file}`,
    `format:     ${info.format} ${info.formatVersion} (compact looks): ${count}, ${info.bytes} bytes, ${info.bytesPerLook} per look`,
    ...info.looks.map((look, i) => {
      const e = look.deltaE2000;
      return (
        `${`look ${i + 1}:`.padEnd(12)}${look.name}: ${look.size}³, ${look.bytes} bytes; ` +
        `ΔE2000 mean ${e.mean.toFixed(3)} p95 ${e.p95.toFixed(3)} max ${e.max.toFixed(3)} on held-out colours, mean ${e.gridMean.toFixed(3)} on a 33³ grid`
      );
    }),
  ].join('\n');
}

async function describeModel(file: string) {
  const loaded = await readModelFile(file);
  if (loaded.kind === 'looks') return describeLooks(file, loaded.looks, (await stat(file)).size);
  return {
    kind: 'model' as const,
    file,
    format: loaded.format,
    architecture: loaded.weights.architecture,
    parameters: parameterCount(loaded.weights.architecture),
    styles: loaded.header?.styles ?? loaded.styleNames.map((name) => ({ name })),
    training: loaded.header?.training ?? null,
    metrics: loaded.header?.metrics ?? null,
    created: loaded.header?.created ?? null,
    dtype: loaded.header?.dtype ?? 'float32',
  };
}

function modelText(info: Awaited<ReturnType<typeof describeModel>>): string {
  if (info.kind === 'looks') return looksText(info);
  const { styles, units, layers } = info.architecture;
  return [
    `file:       ${info.file}`,
    `format:     ${info.format} (${info.dtype})`,
    `network:    ${styles === 0 ? 'NILUT' : `CNILUT, ${styles} styles`}, H=${units}, L=${layers}, ${info.parameters} parameters`,
    `styles:     ${info.styles.map((s) => s.name).join(', ')}`,
    ...(info.metrics ? [`fidelity:   ${JSON.stringify(info.metrics)}`] : []),
    ...(info.created ? [`created:    ${info.created}`] : []),
  ].join('\n');
}

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description("show what a LUT file holds (format, lattice size, input domain, shaper, title), a model's network or a looks file's looks and their fidelity")
    .argument('<file>', `a LUT (${LUT_HELP}) or a NILUT model (${MODEL_HELP})`)
    .option('--json', 'print one JSON object')
    .action(async (file: string, options: { json?: boolean }) => {
      if (isModelName(file)) {
        const info = await describeModel(file);
        createOutput(Boolean(options.json)).result(info, modelText(info));
        return;
      }
      const info = describeLutFile(await readLutFile(file));
      createOutput(Boolean(options.json)).result(info, humanText(info));
    });
}
