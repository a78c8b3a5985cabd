/**
 * A .nilut holds a network (format 1) or compact looks (format 2): readModelFile says which;
 * decodeModelBytes, what the library imports with, and readNetworkModelFile take networks only
 * and name the file when given looks.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeLookCode } from '../../../main/core/compact/look-code.js';
import { encodeLooksFile } from '../../../main/core/compact/looks-file.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { ModelFileError } from '../../../main/core/nilut/model-errors.js';
import { decodeModelBytes, readModelFile, readNetworkModelFile, writeModelFile } from '../../../main/core/nilut/model-file.js';
import { readJsonF32Weights } from '../../../main/core/nilut/reference-weights.js';
import { fixture } from '../../support/paths.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nilut-model-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const looksBytes = encodeLooksFile([
  { name: 'Neutral', fidelity: { mean: 0.1, p95: 0.2, max: 0.3, gridMean: 0.1 }, code: encodeLookCode(identityLut(5), 255) },
  { name: 'Also neutral', fidelity: { mean: 0.1, p95: 0.2, max: 0.3, gridMean: 0.1 }, code: encodeLookCode(identityLut(7), 255) },
]);

async function networkFile(): Promise<string> {
  const file = path.join(dir, 'paper.nilut');
  const weights = await readJsonF32Weights(fixture('nilut-paper/nilutx3style.json'));
  await writeModelFile(file, weights, {
    dtype: 'float16',
    styles: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
    created: '2026-01-01T00:00:00Z',
    software: 'test',
  });
  return file;
}

describe('reading a .nilut', () => {
  it('gives a network for format 1 and the looks, with their lattices, for format 2', async () => {
    const network = await readModelFile(await networkFile());
    expect(network).toMatchObject({ kind: 'network', format: 'nilut', styleNames: ['a', 'b', 'c'] });
    const file = path.join(dir, 'looks.nilut');
    writeFileSync(file, looksBytes);
    const looks = await readModelFile(file);
    expect(looks.kind).toBe('looks');
    if (looks.kind !== 'looks') return;
    expect(looks.looks.map((l) => [l.name, l.lattice.size])).toEqual([
      ['Neutral', 5],
      ['Also neutral', 7],
    ]);
  });

  it('refuses looks where only a network will do, naming the file, as unsupported', async () => {
    const file = path.join(dir, 'shared.nilut');
    writeFileSync(file, looksBytes);
    const refusals = [() => decodeModelBytes(looksBytes, 'shared.nilut'), () => readNetworkModelFile(file)];
    for (const refuse of refusals) {
      const error = await Promise.resolve()
        .then(refuse)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelFileError);
      expect((error as ModelFileError).message).toMatch(/^shared\.nilut: is a compact looks file \(\.nilut format 2\), not a network model/);
      expect((error as ModelFileError).reason).toBe('unsupported');
    }
    expect(decodeModelBytes(readFileSync(fixture('nilut-paper/nilutx3style.pt')), 'paper.pt').kind).toBe('network');
  });

  it('names the file of a truncated looks file', async () => {
    const file = path.join(dir, 'cut.nilut');
    writeFileSync(file, looksBytes.subarray(0, looksBytes.length - 9));
    await expect(readModelFile(file)).rejects.toThrow(/^cut\.nilut: is corrupt or truncated/);
  });
});
