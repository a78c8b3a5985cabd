/** `nilut info <file>`: what a LUT file holds (format, lattice, domain, shaper, title). */
import type { Command } from 'commander';
import { readLutFile } from '../../core/lut/lut-file.js';
import type { LutFile } from '../../core/lut/lut-file.js';
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
    shaper: lut.shaper
      ? { size: lut.shaper.size, domainMin: [...lut.shaper.domainMin], domainMax: [...lut.shaper.domainMax] }
      : null,
    outputRange: outputRange(lut.data),
    warnings: file.warnings.map((w) => (w.line === undefined ? w.message : `line ${w.line}: ${w.message}`)),
  };
}

function outputRange(data: Float32Array): [number, number] {
  let min = Infinity, max = -Infinity;
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

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('show what a LUT file holds: format, lattice size, input domain, shaper, title')
    .argument('<file>', 'a .cube, .3dl, Hald (.png/.tif) or square lookup image')
    .option('--json', 'print one JSON object')
    .action(async (file: string, options: { json?: boolean }) => {
      const info = describeLutFile(await readLutFile(file));
      createOutput(Boolean(options.json)).result(info, humanText(info));
    });
}
