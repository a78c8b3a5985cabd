import { describe, expect, it } from 'vitest';
import type { MatchSummary, PresetSummary } from '../../main/contract/contract.js';
import { useIpcHosts } from '../support/host.js';
import { fixture } from '../support/paths.js';

const hosts = useIpcHosts();

/** A host with LUT01, Velvia, Amatorka and Tri-X imported. */
async function hostWithLooks() {
  const t = await hosts.start();
  t.host.grant([fixture('nilut-paper'), fixture('luts')]);
  await t.value('library.import', {
    paths: [
      fixture('nilut-paper/LUT01.cube'),
      fixture('luts/hald/rawtherapee_Fuji_Velvia_50.png'),
      fixture('luts/png-square64/gpuimage_lookup_amatorka.png'),
      fixture('luts/hald/rawtherapee_Kodak_TRI-X_400_2.png'),
    ],
    queueFits: false,
  });
  const all = await t.value<PresetSummary[]>('library.list', {});
  const byName = (part: string) => all.find((p) => p.name.toLowerCase().includes(part))!;
  return { t, lut01: byName('lut01'), velvia: byName('velvia') };
}

describe('host: library.match', () => {
  it('finds the looks and weights of a saved blend, which is not among the looks it blends', async () => {
    const { t, lut01, velvia } = await hostWithLooks();
    const mix = await t.value<PresetSummary>('library.saveMix', {
      name: 'Velvia and LUT01',
      sources: [
        { presetId: velvia.id, weight: 0.7 },
        { presetId: lut01.id, weight: 0.3 },
      ],
    });
    const result = await t.value<MatchSummary>('library.match', { target: { kind: 'preset', presetId: mix.id }, maxLooks: 2 });
    expect(result.looks).toBe(4);
    const best = result.candidates[0];
    expect(best.parts.map((p) => [p.presetId, Number(p.weight.toFixed(2))])).toEqual([
      [velvia.id, 0.7],
      [lut01.id, 0.3],
    ]);
    expect(best.verdict).toBe('indistinguishable');
    for (const c of result.candidates) expect(c.parts.length).toBeLessThanOrEqual(2);
  }, 60_000);

  it('matches a LUT file and a before/after pair the user chose, and refuses paths they did not', async () => {
    const { t, lut01 } = await hostWithLooks();
    const lut = await t.value<MatchSummary>('library.match', { target: { kind: 'lut', path: fixture('nilut-paper/LUT01.cube') }, maxLooks: 1 });
    expect(lut.candidates[0].parts).toEqual([{ presetId: lut01.id, name: lut01.name, weight: 1 }]);
    const pair = await t.value<MatchSummary>('library.match', {
      target: { kind: 'pair', before: fixture('nilut-paper/hald-identity-128.png'), after: fixture('nilut-paper/hald-LUT01.png') },
    });
    expect(pair.candidates[0].parts.map((p) => p.presetId)).toEqual([lut01.id]);
    const outside = await t.host.call('library.match', { target: { kind: 'lut', path: '/etc/passwd' } });
    expect(outside).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
    const tooMany = await t.host.call('library.match', { target: { kind: 'preset', presetId: lut01.id }, maxLooks: 9 });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  }, 60_000);
});
