/**
 * `nilut library learn|stats|export-looks`, and `show` and `import` with learned looks, run in
 * this process (the product's own learning settings, on the paper's LUT01: a few seconds).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../main/cli/main.js';
import { fixture } from '../support/paths.js';

let dir: string;
let stdout: string[];
let stderr: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nilut-learn-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `nilut library …` on the test's library; its exit status and what it wrote. */
async function library(args: string[], at = path.join(dir, 'lib')): Promise<{ code: number; out: string; err: string }> {
  stdout = [];
  stderr = [];
  const code = await runCli(['library', ...args, '--library', at]);
  return { code, out: stdout.join(''), err: stderr.join('') };
}

async function json(args: string[], at?: string): Promise<Record<string, unknown>> {
  const run = await library([...args, '--json'], at);
  expect(run.code, run.err + run.out).toBe(0);
  const lines = run.out.split('\n').filter((l) => l.trim() !== '');
  return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}

describe('nilut library learn', () => {
  it('learns the imported LUT, shows its look and the model, exports it and imports it into another library', async () => {
    const imported = await json(['import', fixture('nilut-paper', 'LUT01.cube')]);
    expect(imported).toMatchObject({ imported: 1, learnJob: expect.any(Number) });

    const learned = await library(['learn']);
    expect(learned.code, learned.err).toBe(0);
    expect(learned.err).toMatch(/job \d+ 100% {2}1\/1 LUT01: \d+\.\d KB, ΔE2000 \d\.\d\d/);
    expect(learned.out).toMatch(/^learned 1 look; library model {2}1 look, \d+ B \(the LUT files: \d+\.\d KB, \d+× larger\)\n$/);

    const shown = await library(['show', '1']);
    expect(shown.out).toMatch(
      / {2}look {8}\d+³ lattice, \d+ B \(9\d\.\d% of the library model\)\n {2}fidelity {4}ΔE2000 mean \d\.\d\d, p95 \d\.\d\d, max \d+\.\d\d/,
    );
    const detail = await json(['show', '1']);
    expect(detail).toMatchObject({
      learnedLook: { current: true, metGoal: expect.any(Boolean), fidelity: { mean: expect.any(Number) } },
      pendingLearnJobs: [],
    });
    expect(detail.learnedLook).not.toHaveProperty('code');

    const stats = await json(['stats']);
    expect(stats).toMatchObject({ presets: 1, lutPresets: 1, unlearnedLutPresets: 0, model: { looks: 1 } });
    const again = await library(['learn']);
    expect(again.out).toMatch(/^nothing to learn; /);

    const file = path.join(dir, 'library.nilut');
    const exported = await json(['export-looks', '--out', file]);
    expect(exported).toMatchObject({ looks: 1, bytes: readFileSync(file).length, presetIds: [1] });
    expect(exported.bytes).toBe((stats.model as { bytes: number }).bytes);
    expect((await library(['export-looks', '--out', file])).err).toMatch(/already exists/);

    const other = path.join(dir, 'other');
    expect(await json(['import', file], other)).toMatchObject({ imported: 1, learnJob: null });
    expect(await json(['stats'], other)).toMatchObject({ lutPresets: 1, unlearnedLutPresets: 0, model: { looks: 1, bytes: exported.bytes } });
  }, 120_000);

  it('refuses to learn what is not a LUT preset, and to export looks that are not learned', async () => {
    await json(['init']);
    const model = ((await json(['list', '--kind', 'model'])) as unknown as { id: number }[])[0];
    const refused = await library(['learn', String(model.id)]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is a model; only LUT presets can be learned/);
    const lut = ((await json(['list', '--kind', 'lut'])) as unknown as { id: number }[])[0];
    const unlearned = await library(['export-looks', String(lut.id), '--out', path.join(dir, 'x.nilut')]);
    expect(unlearned.code).toBe(1);
    expect(unlearned.err).toMatch(new RegExp(`no current learned look for preset ${lut.id} \\(LUT01\\): learn it first \\(nilut library learn ${lut.id}\\)`));
    expect((await library(['learn', '--queue'])).out).toMatch(/^queued learn job \d+/);
  });
});
