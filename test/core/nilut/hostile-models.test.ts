/**
 * Model files built to cost more than they hold, or to break the reader (issue 19, class 4 and
 * its weaker points): a header's architecture is bounded before anything is allocated for it, a
 * .pt's entries by their declared inflated size before inflating, a header's shape is checked
 * so no error is a TypeError or a stack overflow, and weights that are not finite are refused.
 * Each refusal is a ModelFileError naming the file and the problem, within a second.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { initialWeights } from '../../../main/core/nilut/initialise.js';
import { ModelFileError } from '../../../main/core/nilut/model-errors.js';
import { decodeModelBytes, readModelFile } from '../../../main/core/nilut/model-file.js';
import { encodeNilut, NILUT_MAGIC } from '../../../main/core/nilut/nilut-file.js';
import { READ_LIMITS } from '../../../main/core/read-limits.js';
import { fixture } from '../../support/paths.js';

const DIR = mkdtempSync(path.join(os.tmpdir(), 'nilut-hostile-model-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const HEADER = { dtype: 'float32' as const, styles: [{ name: 'look' }], created: '2026-12-04T00:00:00.000Z', software: 'test' };

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(DIR, name);
  writeFileSync(file, bytes);
  return file;
}

/** A format-1 .nilut with any header and weight bytes, its checksum right (so only the header can be wrong). */
function nilutWith(header: unknown, weights = Buffer.alloc(0)): Buffer {
  const json = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header), 'utf8');
  const padded = Buffer.concat([json, Buffer.alloc((4 - (json.length % 4)) % 4, 0x20)]);
  const prefix = Buffer.alloc(6);
  prefix.writeUInt16LE(1, 0);
  prefix.writeUInt32LE(padded.length, 2);
  const content = Buffer.concat([NILUT_MAGIC, prefix, padded, weights]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(crc32(content) >>> 0, 0);
  return Buffer.concat([content, checksum]);
}

async function refusal(name: string, bytes: Uint8Array): Promise<ModelFileError> {
  const file = write(name, bytes);
  const started = performance.now();
  const error = await readModelFile(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(performance.now() - started).toBeLessThan(1000);
  expect(error).toBeInstanceOf(ModelFileError);
  expect((error as Error).message.startsWith(`${name}: `)).toBe(true);
  // The library reads the same bytes through decodeModelBytes: the same refusal.
  expect(() => decodeModelBytes(bytes, name)).toThrow((error as Error).message);
  return error as ModelFileError;
}

describe('a .nilut header is bounded and checked before anything is allocated for it', () => {
  it('refuses a 128-byte header declaring 10⁸ layers at once', async () => {
    const bytes = nilutWith({ ...HEADER, architecture: { styles: 0, units: 1, layers: 100_000_000 } });
    expect(bytes.length).toBeLessThan(200);
    const error = await refusal('layers.nilut', bytes);
    expect(error.message).toBe(`layers.nilut: declares 100000000 layers, where a network has a whole number from 0 to ${READ_LIMITS.modelLayers}`);
  });

  it('refuses an architecture each of whose fields is within bounds but whose network is too large', async () => {
    const error = await refusal('wide.nilut', nilutWith({ ...HEADER, architecture: { styles: 0, units: 4096, layers: 64 } }));
    expect(error.message).toMatch(/^wide\.nilut: declares a network of \d+ parameters, more than the 16777216 a model may have$/);
  });

  it('refuses fields that are not whole numbers, and more styles than a blend may weigh', async () => {
    for (const architecture of [
      { styles: 0, units: 2.5, layers: 1 },
      { styles: -1, units: 8, layers: 1 },
      { styles: 65, units: 8, layers: 1 },
      { units: 8, layers: 1 },
    ]) {
      const error = await refusal('fields.nilut', nilutWith({ ...HEADER, architecture }));
      expect(error.message).toMatch(/^fields\.nilut: declares .* (styles|units), where a network has a whole number/);
    }
  });

  it('refuses a header without styles, or with styles that are not named, naming the file (no TypeError)', async () => {
    const architecture = { styles: 0, units: 4, layers: 0 };
    const weights = Buffer.alloc((4 * 3 + 4 + 3 * 4 + 3) * 4);
    const missing = await refusal('nostyles.nilut', nilutWith({ dtype: 'float32', architecture }, weights));
    expect(missing.message).toBe('nostyles.nilut: lists no styles where its network has 1');
    const unnamed = await refusal('unnamed.nilut', nilutWith({ ...HEADER, styles: [{ name: 7 }], architecture }, weights));
    expect(unnamed.message).toBe('unnamed.nilut: has a style without a name');
    for (const header of ['[]', 'null', '"text"'])
      expect((await refusal('shape.nilut', nilutWith(header))).message).toBe('shape.nilut: has a header that is not a JSON object');
  });

  it('refuses metrics nested deeper than the budget (printing them would overflow the stack)', async () => {
    const deep = `{"architecture":{"styles":0,"units":1,"layers":0},"dtype":"float32","styles":[{"name":"a"}],"metrics":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    const error = await refusal('deep.nilut', nilutWith(deep));
    expect(error.message).toBe(`deep.nilut: has metrics nested deeper than ${READ_LIMITS.modelHeaderDepth} levels`);
  });

  it('refuses weights that are not finite (a network of NaN would bake a black LUT)', async () => {
    const weights = initialWeights({ styles: 0, units: 8, layers: 1 }, 1);
    weights.dense.forEach((d) => d.weight.fill(Number.NaN));
    const error = await refusal('nan.nilut', encodeNilut(weights, HEADER));
    expect(error.message).toBe(
      'nan.nilut: has 24 of 32 weights in layer 0 that are not finite numbers (NaN or infinity): the network is broken and would grade every colour wrongly',
    );
    const one = initialWeights({ styles: 0, units: 8, layers: 1 }, 1);
    one.dense[2].bias[1] = Number.POSITIVE_INFINITY;
    expect((await refusal('inf.nilut', encodeNilut(one, HEADER))).message).toMatch(/^inf\.nilut: has 1 of 27 weights in layer 2 /);
  });
});

/** The offsets of each central-directory entry's uncompressed size in a zip. */
function uncompressedSizeFields(zip: Buffer): number[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  const fields: number[] = [];
  for (let i = 0, o = zip.readUInt32LE(end + 16); i < count; i++) {
    fields.push(o + 24);
    o += 46 + zip.readUInt16LE(o + 28) + zip.readUInt16LE(o + 30) + zip.readUInt16LE(o + 32);
  }
  return fields;
}

describe('a .pt checkpoint is bounded by its entries declared sizes before any is inflated', () => {
  const paper = readFileSync(fixture('nilut-paper/nilutx3style.pt'));

  it('reads the paper checkpoint (the budget is far above a real one)', async () => {
    const loaded = await readModelFile(write('paper.pt', paper));
    expect(loaded.kind === 'network' && loaded.weights.architecture).toEqual({ styles: 3, units: 256, layers: 2 });
  });

  it('refuses entries declaring 1 GiB each, at once', async () => {
    const bomb = Buffer.from(paper);
    for (const field of uncompressedSizeFields(bomb)) bomb.writeUInt32LE(1024 ** 3, field);
    const error = await refusal('bomb.pt', bomb);
    expect(error.message).toMatch(/^bomb\.pt: declares entries that inflate to more than 256 MiB \(.+ alone is 1\.0 GiB\): more than a checkpoint may hold$/);
  });

  it('refuses a weight that is not finite in a JSON + .f32 state dict', async () => {
    const json = JSON.parse(readFileSync(fixture('nilut-paper/nilutx3style.json'), 'utf8')) as { tensors: unknown[] };
    const f32 = Buffer.from(readFileSync(fixture('nilut-paper/nilutx3style.f32')));
    f32.writeFloatLE(Number.NaN, 0);
    writeFileSync(path.join(DIR, 'nan.f32'), f32);
    writeFileSync(path.join(DIR, 'nan.json'), JSON.stringify(json));
    const error = await readModelFile(path.join(DIR, 'nan.json')).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^nan\.json: has 1 of \d+ weights in layer 0 that are not finite numbers/);
  });
});
