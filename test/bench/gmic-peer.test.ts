/**
 * bench:compact's peer, G'MIC's compress_clut, on a gentle look it compresses in seconds: the
 * keypoints decompress close to the look, the sizes reported are the file's, and both ways of
 * stopping short (the keypoint cap, the wall-clock budget) are reported as such.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GMIC_LATTICE, gmicCompress, gmicVersion } from '../../bench/compact/gmic-peer.js';
import { identityLut, type Lut3D } from '../../main/core/lut/lut.js';
import { resampleLut } from '../../main/core/lut/sample.js';
import { scratchDir } from '../support/peers.js';

const version = await gmicVersion();
if (!version) console.warn('test/bench/gmic-peer.test.ts skipped: the gmic command is not installed (Debian: apt-get install gmic; .ci/run installs it)');

/** A 17³ warm curve: red lifted (v^0.9), blue lowered (v^1.1), green kept. */
function gentleWarmLook(): Lut3D {
  const lut = identityLut(17, 'gentle warm');
  const data = lut.data.map((v, i) => (i % 3 === 0 ? v ** 0.9 : i % 3 === 2 ? v ** 1.1 : v));
  return { ...lut, data };
}

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

describe.skipIf(!version)("G'MIC keypoint peer", () => {
  it('decompresses a gentle look to within 1% of it on average and reports the keypoint file’s own size', async () => {
    const look = gentleWarmLook();
    const workDir = scratchDir('nilut-gmic-test-');
    const result = await gmicCompress('gentle warm', look, { budgetSeconds: 60, workDir });
    if (result.kind !== 'compressed') throw new Error(`expected a result, got ${result.kind}`);
    expect(result.stoppedShort).toBe(false);
    expect(result.decompressed.size).toBe(GMIC_LATTICE);
    expect(meanAbsDiff(result.decompressed.data, resampleLut(look, GMIC_LATTICE).data)).toBeLessThan(0.01);
    expect(result.channels).toBe(6);
    expect(result.keypoints).toBeGreaterThanOrEqual(8);
    expect(result.bytes).toBe(statSync(path.join(workDir, result.keypointFile)).size);
    expect(result.gzipBytes).toBeGreaterThan(0);
    expect(result.gzipBytes).toBeLessThan(result.bytes);
  });

  it('reports stopping at the keypoint cap when the cap comes before its error goals', async () => {
    const result = await gmicCompress('gentle warm capped', gentleWarmLook(), { budgetSeconds: 60, maxKeypoints: 10 });
    if (result.kind !== 'compressed') throw new Error(`expected a result, got ${result.kind}`);
    expect(result.keypoints).toBe(10);
    expect(result.stoppedShort).toBe('keypoint-cap');
  });

  it("reports no result when the budget runs out (G'MIC writes nothing until it finishes)", async () => {
    const result = await gmicCompress('gentle warm hurried', gentleWarmLook(), { budgetSeconds: 0.5 });
    expect(result.kind).toBe('no-result');
    expect(result.stoppedShort).toBe('timeout');
    expect(result.seconds).toBeLessThan(5);
  });
});
