/**
 * Originals survive links over IPC too (issue 19, class 6): grading.start and library.export
 * go through the same core as the CLI, so an output folder or file that leads, through a real
 * symbolic link, onto the photos or into the library's own files is a typed invalid-request
 * naming both paths, and nothing is written.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ImportResult, IpcError } from '../../main/contract/contract.js';
import type { TestHost } from '../support/host.js';
import { useIpcHosts } from '../support/host.js';
import { fixture } from '../support/paths.js';

const hosts = useIpcHosts();

async function refusal(result: Promise<{ ok: boolean; error?: IpcError }>): Promise<IpcError> {
  const answer = await result;
  if (answer.ok) throw new Error('the call succeeded');
  return answer.error!;
}

async function importLut01(host: TestHost['host']): Promise<number> {
  const file = fixture('nilut-paper', 'LUT01.cube');
  host.grant([file]);
  const result = await host.call('library.import', { paths: [file], queueFits: false });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as ImportResult).imported[0].presetId;
}

describe('IPC outputs through a link', () => {
  it('grading.start refuses an output folder that is a symlink to the photos folder, with overwrite asked', async () => {
    const t = await hosts.start();
    const presetId = await importLut01(t.host);
    const photos = path.join(t.dir, 'photos');
    mkdirSync(photos);
    const bytes = await sharp(fixture('photos/kodim23.png')).resize(64).jpeg().toBuffer();
    writeFileSync(path.join(photos, 'a.jpg'), bytes);
    const alias = path.join(t.dir, 'alias');
    symlinkSync(photos, alias);
    const refused = await refusal(t.host.call('grading.start', { inputs: [photos], out: alias, existing: 'overwrite', look: { kind: 'preset', presetId } }));
    expect(refused.code).toBe('invalid-request');
    expect(refused.message).toContain(`the output folder ${alias} leads to ${photos} through a link or another spelling`);
    expect(t.events.filter((e) => e.event === 'grading.progress')).toEqual([]);
    expect(readdirSync(photos)).toEqual(['a.jpg']);
    expect(readFileSync(path.join(photos, 'a.jpg')).equals(bytes)).toBe(true);
  });

  it("library.export refuses a destination that leads into the library's blob store", async () => {
    const t = await hosts.start();
    const presetId = await importLut01(t.host);
    const blobs = path.join(t.libraryDir, 'blobs');
    const before = readdirSync(blobs, { recursive: true }).sort();
    const store = path.join(t.dir, 'store');
    symlinkSync(blobs, store);
    const destination = path.join(store, 'look.cube');
    const refused = await refusal(t.host.call('library.export', { look: { kind: 'preset', presetId }, path: destination, overwrite: true }));
    expect(refused.code).toBe('invalid-request');
    expect(refused.message).toContain(`refusing to write ${destination}: it leads into the library's blob store ${blobs}`);
    expect(readdirSync(blobs, { recursive: true }).sort()).toEqual(before);
  });
});
