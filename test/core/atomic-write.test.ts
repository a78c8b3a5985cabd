/**
 * core/atomic-write.ts: a failed write is named by its destination, never by the temporary
 * `.partial` name the system's error text would carry; and the temporary files a killed writer
 * left behind are removed by the next write of that name, while a live writer's are kept.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileWriteError, STALE_PARTIAL_MS, removeStalePartials, temporaryPathFor, writeFileAtomic } from '../../main/core/atomic-write.js';
import { reasonOf } from '../../main/core/errors.js';
import { scratchDir } from '../support/peers.js';

/** The id of a process that has ended (a child run to completion). */
function endedProcessId(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

async function failureOf(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the write succeeded');
}

describe('writeFileAtomic', () => {
  it('names the destination, not the temporary file, when the write fails (and leaves no temporary file)', async () => {
    const dir = scratchDir('nilut-atomic-');
    const folderInTheWay = path.join(dir, 'look.cube');
    mkdirSync(folderInTheWay);
    const renamed = await failureOf(writeFileAtomic(folderInTheWay, 'x'));
    expect(renamed).toBeInstanceOf(FileWriteError);
    expect(renamed.message).toBe(`${folderInTheWay}: cannot be written (EISDIR)`);
    const missing = path.join(dir, 'no-such-folder', 'look.cube');
    const opened = await failureOf(writeFileAtomic(missing, 'x'));
    expect(opened.message).toBe(`${missing}: cannot be written (ENOENT)`);
    expect(reasonOf(opened)).toBe('not-found');
    for (const error of [renamed, opened]) expect(error.message).not.toContain('.partial');
    expect(readdirSync(dir)).toEqual(['look.cube']);
  });

  it("removes a killed writer's temporary file of the same name, keeps a live writer's and other names'", async () => {
    const dir = scratchDir('nilut-atomic-');
    const destination = path.join(dir, 'photo.jpg');
    const killed = temporaryPathFor(destination, endedProcessId());
    const live = temporaryPathFor(destination);
    const otherName = temporaryPathFor(path.join(dir, 'other.jpg'), endedProcessId());
    for (const file of [killed, live, otherName]) writeFileSync(file, 'half a photo');
    await writeFileAtomic(destination, 'graded');
    expect(readFileSync(destination, 'utf8')).toBe('graded');
    expect(readdirSync(dir).sort()).toEqual([path.basename(live), path.basename(otherName), 'photo.jpg'].sort());
  });

  it('removes a temporary file whose writer cannot be asked (no id) once it has not changed for the stale age', async () => {
    const dir = scratchDir('nilut-atomic-');
    const old = path.join(dir, '.look.cube.0123456789ab.partial');
    const recent = path.join(dir, '.look.cube.ba9876543210.partial');
    writeFileSync(old, 'x');
    writeFileSync(recent, 'x');
    const past = (Date.now() - STALE_PARTIAL_MS - 60_000) / 1000;
    utimesSync(old, past, past);
    expect(await removeStalePartials(dir)).toBe(1);
    expect(readdirSync(dir)).toEqual([path.basename(recent)]);
  });
});
