/**
 * The library's fit jobs and issue 15: a fit whose model fails the fidelity gate fails its job
 * and stores nothing; a fit stopped part-way (the runner quitting) runs again from its seed and
 * stores the same model as one that was never stopped.
 */
import { describe, expect, it } from 'vitest';
import { getPreset, listPresets } from '../../../main/core/library/catalogue.js';
import { importPaths } from '../../../main/core/library/import.js';
import { runJobNow } from '../../../main/core/library/job-runner.js';
import { enqueueJob, getJob } from '../../../main/core/library/jobs.js';
import type { Library } from '../../../main/core/library/library.js';
import { decodeNilut } from '../../../main/core/nilut/nilut-file.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture } from '../../support/paths.js';

const libraries = useTemporaryLibraries();
const QUICK = { steps: 300, poolSize: 5_000, batchSize: 256, progressEvery: 50 };

async function fitJobFor(library: Library, file: string, seed: number): Promise<number> {
  const { imported } = await importPaths(library, [fixture(file)], { queueFits: false });
  return enqueueJob(library, 'fit', { presetIds: imported.map((i) => i.presetId), units: 16, layers: 1, seed });
}

function storedWeights(library: Library, result: unknown): Buffer[] {
  const preset = getPreset(library, (result as { presetId: number }).presetId);
  const { weights } = decodeNilut(library.blobs.read(preset.blobHash!), 'model');
  return weights.dense.flatMap((d) => [Buffer.from(d.weight.buffer), Buffer.from(d.bias.buffer)]);
}

describe('a fit job', () => {
  it('fails, naming the style, and stores no model when the fitted model is far from its LUT', async () => {
    const library = libraries.open();
    const id = await fitJobFor(library, 'luts/cube/generated_grayscale_32.cube', 1);
    const presets = listPresets(library).length;
    const ended = await runJobNow(library, id, { fit: { ...QUICK, steps: 5 } });
    expect(ended.state).toBe('failed');
    expect(ended.error).toMatch(/does not reproduce generated_grayscale_32: ΔE2000 mean .* over the limit of 5/);
    expect(getJob(library, id)).toMatchObject({ state: 'failed' });
    expect(listPresets(library)).toHaveLength(presets);
    expect(listPresets(library, { hasModel: true })).toEqual([]);
  }, 60_000);

  it('stopped part-way and run again, stores the model an unstopped run stores', async () => {
    const straight = libraries.open();
    const whole = await runJobNow(straight, await fitJobFor(straight, 'luts/cube/colour_Colour_Correct.cube', 3), { fit: QUICK });
    expect(whole.state).toBe('done');

    const stopped = libraries.open();
    const id = await fitJobFor(stopped, 'luts/cube/colour_Colour_Correct.cube', 3);
    const quitting = new AbortController();
    const first = await runJobNow(stopped, id, {
      fit: QUICK,
      signal: quitting.signal,
      onEvent: (e) => e.type === 'progress' && e.progress >= 0.5 && quitting.abort(),
    });
    expect(first.state).toBe('cancelled');
    expect(getJob(stopped, id).state).toBe('queued');
    const again = await runJobNow(stopped, id, { fit: QUICK });
    expect(again.state).toBe('done');
    expect(storedWeights(stopped, again.result)).toEqual(storedWeights(straight, whole.result));
  }, 60_000);
});
