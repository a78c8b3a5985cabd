import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { droppedPaths, fileArguments } from '../../main/electron/main/opened-paths.js';

describe('droppedPaths', () => {
  const a = path.resolve('/photos/a.jpg');
  const b = path.resolve('/luts');

  it('accepts absolute paths, once each', () => {
    expect(droppedPaths([a, b, a])).toEqual([a, b]);
  });

  it('refuses anything else whole', () => {
    for (const bad of [null, 'x', [], [a, 'relative.jpg'], [a, 3], [`${a}\0`], ['a'.repeat(5000)], new Array(10_001).fill(a)]) {
      expect(droppedPaths(bad)).toBeNull();
    }
  });
});

describe('fileArguments', () => {
  const existing = new Set([path.resolve('/work/a.cube'), path.resolve('/shoot')]);
  const exists = (p: string) => existing.has(p);

  it('takes files after the executable in a packaged app, resolved from the launch folder', () => {
    expect(fileArguments(['/opt/NILUT Studio/nilut-studio', 'a.cube', '/shoot'], { packaged: true, cwd: path.resolve('/work'), exists })).toEqual([
      path.resolve('/work/a.cube'),
      path.resolve('/shoot'),
    ]);
  });

  it('skips the app folder in development (electron .)', () => {
    expect(fileArguments(['/electron', '.', 'a.cube'], { packaged: false, cwd: path.resolve('/work'), exists })).toEqual([path.resolve('/work/a.cube')]);
  });

  it('leaves out switches, missing files and repeats', () => {
    const argv = ['/app', '--allow-file-access-from-files', '-psn_0_12345', 'missing.jpg', 'a.cube', '/work/a.cube', ''];
    expect(fileArguments(argv, { packaged: true, cwd: path.resolve('/work'), exists })).toEqual([path.resolve('/work/a.cube')]);
  });
});
