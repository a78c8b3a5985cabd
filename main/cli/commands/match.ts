/**
 * `nilut match <target>`: the blends of up to N library looks that come closest to a target
 * look — a LUT file, a library preset, or a before/after photo pair (`--pair`, as `nilut fit`
 * takes it) — each printed as a `--blend-presets` value with its ΔE2000 to the target.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isLutName } from '../../common/formats/lut-formats.js';
import { findPreset } from '../../core/library/find-preset.js';
import { listPresets } from '../../core/library/catalogue.js';
import { LibraryError } from '../../core/library/errors.js';
import type { Library } from '../../core/library/library.js';
import { LutParseError } from '../../core/lut/errors.js';
import { readImagePair } from '../../core/lut/image-pair.js';
import { readLutFile } from '../../core/lut/lut-file.js';
import { libraryLooks } from '../../core/match/library-looks.js';
import type { MatchProgress, MatchTarget } from '../../core/match/match-look.js';
import { MATCH_DEFAULTS, matchLook } from '../../core/match/match-look.js';
import { MAX_PAIRS_PER_SET, MIN_PAIRS } from '../../core/match/match-samples.js';
import { UsageError } from '../errors.js';
import { LUT_HELP } from '../format-help.js';
import { ambiguousNamesOf, blendPresetsText, matchTable } from '../match-text.js';
import { integerInRange } from '../option-parsers.js';
import type { Output } from '../output.js';
import { withInterrupt } from '../signals.js';
import { withLibrary } from './with-library.js';

/** Blends of more looks than this are not a look a person would keep; the search is sized for it. */
const MAX_LOOKS_LIMIT = 6;
const MAX_CANDIDATES = 20;

interface MatchCommandOptions {
  pair?: string[];
  maxLooks: number;
  candidates: number;
  json?: boolean;
}

interface ResolvedTarget {
  readonly target: MatchTarget;
  /** How the output names it. */
  readonly name: string;
  readonly description: Record<string, unknown>;
  /** A preset target is left out of the looks it is matched with. */
  readonly presetId?: number;
}

/** A LUT file (its extension, or any file that exists), else a preset's id or name. */
async function resolveTarget(library: Library, target: string | undefined, pair: string[] | undefined, out: Output): Promise<ResolvedTarget> {
  if (pair && target !== undefined) throw new UsageError(`give one target: ${JSON.stringify(target)} or --pair, not both`);
  if (pair) {
    if (pair.length !== 2) throw new UsageError('--pair takes two images: the one before the look and the one after');
    const [before, after] = pair;
    const pairs = await readImagePair(before, after, { maxPairs: 2 * MAX_PAIRS_PER_SET });
    if (pairs.count < MIN_PAIRS)
      throw new LutParseError(path.basename(after), `has ${pairs.count} pixels: a pair needs at least ${MIN_PAIRS} to match a look on`, undefined, 'rejected');
    return { target: { kind: 'pairs', pairs }, name: `${path.basename(before)} → ${path.basename(after)}`, description: { kind: 'pair', before, after } };
  }
  if (target === undefined) throw new UsageError('give the look to match: a LUT file, a preset id or name, or --pair <before> <after>');
  if (isLutName(target) || existsSync(target)) {
    const { lut, warnings } = await readLutFile(target);
    for (const w of warnings) out.warn(`${path.basename(target)}${w.line ? `:${w.line}` : ''}: ${w.message}`);
    return { target: { kind: 'lattice', lut }, name: path.basename(target), description: { kind: 'lut', file: target } };
  }
  const preset = findPreset(library, target);
  const { latticeOfPreset } = await import('../../core/library/preset-looks.js');
  const lut = await latticeOfPreset(library, preset);
  return { target: { kind: 'lattice', lut }, name: preset.name, description: { kind: 'preset', id: preset.id, name: preset.name }, presetId: preset.id };
}

function progressPrinter(out: Output, interactive: boolean) {
  return (p: MatchProgress) => {
    const line = p.stage === 'looks' ? `[${p.done + 1}/${p.total}] ${p.name}` : `searching blends of ${p.looks} looks`;
    if (interactive) process.stderr.write(`\r\x1b[2K${line}`);
    else out.progress({ ...p }, line);
  };
}

async function runMatch(library: Library, out: Output, target: string | undefined, options: MatchCommandOptions): Promise<void> {
  const resolved = await resolveTarget(library, target, options.pair, out);
  const looks = libraryLooks(library, { exclude: resolved.presetId });
  if (looks.length === 0)
    throw new LibraryError(library.file, `has no looks to match ${resolved.name} with: import some first (nilut library import <LUTs>)`, 'rejected');
  const interactive = !options.json && process.stderr.isTTY;
  const result = await withInterrupt((signal) =>
    matchLook(resolved.target, looks, { maxLooks: options.maxLooks, candidates: options.candidates, signal, onProgress: progressPrinter(out, interactive) }),
  );
  if (interactive) process.stderr.write('\r\x1b[2K');
  for (const s of result.skipped) out.warn(`left out preset ${s.presetId} (${s.name}): ${s.error}`);
  const ambiguous = ambiguousNamesOf(listPresets(library).map((p) => p.name));
  const blends = result.candidates.map((c) => blendPresetsText(c.parts, ambiguous));
  out.result(
    {
      event: 'done',
      target: resolved.description,
      looks: result.looks,
      samples: result.samples,
      skipped: result.skipped,
      candidates: result.candidates.map((c, i) => ({ rank: i + 1, blend: blends[i], ...c })),
    },
    matchTable(result, blends, resolved.name),
  );
}

export function registerMatch(program: Command): void {
  program
    .command('match')
    .description('find the blend of library looks closest to a look (a LUT file, a preset, or a before/after pair), with its ΔE2000')
    .argument('[target]', `the look to match: a LUT file (${LUT_HELP}) or a preset id or name`)
    .option('--pair <images...>', 'match an aligned image pair instead: the photo before the look and after it')
    .option('--library <dir>', "library folder (default: $NILUT_LIBRARY, else the desktop app's library)")
    .option(
      '--max-looks <n>',
      `at most this many looks in a blend (1..${MAX_LOOKS_LIMIT})`,
      integerInRange('--max-looks', 1, MAX_LOOKS_LIMIT),
      MATCH_DEFAULTS.maxLooks,
    )
    .option('--candidates <k>', `how many blends to list (1..${MAX_CANDIDATES})`, integerInRange('--candidates', 1, MAX_CANDIDATES), MATCH_DEFAULTS.candidates)
    .option('--json', 'print progress events and the result as JSON lines')
    .action(withLibrary<[string | undefined, MatchCommandOptions]>(runMatch));
}
