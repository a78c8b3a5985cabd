import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stageUploads, sweepAbandonedUploads } from '../../main/host/upload-staging.js';

let tmp: string;
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** The pid of a process that has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('staged uploads', () => {
  it('stages each file under its own name, two of one name apart, names made safe, and disposes of them', async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'nilut-staging-test-'));
    const staged = await stageUploads(
      [
        { name: 'look.cube', bytes: new Uint8Array([1]) },
        { name: 'look.cube', bytes: new Uint8Array([2]) },
        { name: '../../etc/passwd', bytes: new Uint8Array([3]) },
      ],
      tmp,
    );
    const paths = [...staged.names.keys()];
    expect([...staged.names.values()]).toEqual(['look.cube', 'look.cube', '../../etc/passwd']);
    expect(paths.map((p) => path.basename(p))).toEqual(['look.cube', 'look.cube', 'passwd']);
    expect(new Set(paths).size).toBe(3);
    for (const p of paths) expect(p.startsWith(tmp + path.sep)).toBe(true);
    expect(paths.map((p) => readFileSync(p)[0])).toEqual([1, 2, 3]);
    await staged.dispose();
    expect(paths.some((p) => existsSync(p))).toBe(false);
  });

  it("sweeps the staging folders of processes that are gone, never a live process's", async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'nilut-staging-test-'));
    const dead = path.join(tmp, `nilut-upload-${endedPid()}-abc`);
    const ours = path.join(tmp, `nilut-upload-${process.pid}-def`);
    const parent = path.join(tmp, `nilut-upload-${process.ppid}-ghi`);
    const other = path.join(tmp, 'nilut-uploads-of-someone');
    for (const dir of [dead, ours, parent, other]) mkdirSync(path.join(dir, '0'), { recursive: true });
    expect(await sweepAbandonedUploads(tmp)).toEqual([dead]);
    expect([dead, ours, parent, other].map((d) => existsSync(d))).toEqual([false, true, true, true]);
  });
});
