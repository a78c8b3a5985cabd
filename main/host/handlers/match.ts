/**
 * `library.match`: the blends of library looks nearest a target look — a preset (matched
 * against the others), a LUT file or a before/after pair the user chose — as `nilut match`
 * finds them.
 */
import { getPreset } from '../../core/library/catalogue.js';
import { latticeOfPreset } from '../../core/library/preset-looks.js';
import { readImagePair } from '../../core/lut/image-pair.js';
import { readLutFile } from '../../core/lut/lut-file.js';
import { libraryLooks } from '../../core/match/library-looks.js';
import type { MatchTarget } from '../../core/match/match-look.js';
import { matchLook } from '../../core/match/match-look.js';
import { MAX_PAIRS_PER_SET } from '../../core/match/match-samples.js';
import type { ParsedRequest } from '../../contract/contract.js';
import type { HostContext } from '../context.js';
import type { HandlerMap } from '../dispatch.js';

type Target = ParsedRequest<'library.match'>['target'];

async function matchTarget(ctx: HostContext, target: Target): Promise<{ target: MatchTarget; exclude?: number }> {
  if (target.kind === 'preset') {
    const preset = getPreset(ctx.library, target.presetId);
    return { target: { kind: 'lattice', lut: await latticeOfPreset(ctx.library, preset) }, exclude: preset.id };
  }
  if (target.kind === 'lut') return { target: { kind: 'lattice', lut: (await readLutFile(ctx.grants.check(target.path, 'LUT to match'))).lut } };
  const before = ctx.grants.check(target.before, 'photo before the look');
  const after = ctx.grants.check(target.after, 'photo after the look');
  return { target: { kind: 'pairs', pairs: await readImagePair(before, after, { maxPairs: 2 * MAX_PAIRS_PER_SET }) } };
}

export function matchHandlers(ctx: HostContext): Pick<HandlerMap, 'library.match'> {
  return {
    'library.match': async ({ target, maxLooks, candidates }) => {
      const resolved = await matchTarget(ctx, target);
      const result = await matchLook(resolved.target, libraryLooks(ctx.library, { exclude: resolved.exclude }), { maxLooks, candidates });
      return {
        candidates: result.candidates.map((c) => ({ parts: c.parts.map((p) => ({ ...p })), deltaE2000: { ...c.deltaE2000 }, verdict: c.verdict })),
        looks: result.looks,
        skipped: [...result.skipped],
        samples: result.samples,
      };
    },
  };
}
