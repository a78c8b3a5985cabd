/**
 * core/output-safety.ts on real files and real links: an output is judged by where it leads,
 * so a folder symlink, a file symlink, a hard link and `..` after a link all find the input,
 * and a genuinely new place finds none.
 */
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputLocations, OutputOntoInputError, isWithin, refuseOutputOntoInput, resolvedPath } from '../../main/core/output-safety.js';
import { scratchDir } from '../support/peers.js';

/** photos/a.jpg, and alias → photos beside it. */
function shoot(): { dir: string; photos: string; photo: string; alias: string } {
  const dir = scratchDir('nilut-output-safety-');
  const photos = path.join(dir, 'photos');
  mkdirSync(photos);
  const photo = path.join(photos, 'a.jpg');
  writeFileSync(photo, 'original');
  const alias = path.join(dir, 'alias');
  symlinkSync(photos, alias);
  return { dir, photos, photo, alias };
}

describe('output safety', () => {
  it('finds the input behind a folder symlink, a file symlink, a hard link and a `..` after a link', () => {
    const { dir, photos, photo, alias } = shoot();
    const inputs = new InputLocations([photo]);
    expect(inputs.inputAt(path.join(alias, 'a.jpg'))).toBe(photo);
    symlinkSync(photo, path.join(dir, 'link.jpg'));
    expect(inputs.inputAt(path.join(dir, 'link.jpg'))).toBe(photo);
    linkSync(photo, path.join(dir, 'hard.jpg'));
    expect(inputs.inputAt(path.join(dir, 'hard.jpg'))).toBe(photo);
    // The kernel resolves alias before `..`; path.resolve would not, so both sides resolve alike.
    mkdirSync(path.join(photos, 'sub'));
    symlinkSync(path.join(photos, 'sub'), path.join(dir, 'deep'));
    expect(resolvedPath(path.join(dir, 'deep', 'new', 'x.jpg'))).toBe(path.join(resolvedPath(photos), 'sub', 'new', 'x.jpg'));
    expect(new InputLocations([photos]).inputAt(alias)).toBe(photos);
  });

  it('finds nothing for a new file in a linked folder, or a copy elsewhere', () => {
    const { dir, photo, alias } = shoot();
    const inputs = new InputLocations([photo]);
    expect(inputs.inputAt(path.join(alias, 'b.jpg'))).toBeUndefined();
    writeFileSync(path.join(dir, 'a.jpg'), 'original');
    expect(inputs.inputAt(path.join(dir, 'a.jpg'))).toBeUndefined();
    expect(inputs.inputAt(path.join(dir, 'missing', 'deeper', 'a.jpg'))).toBeUndefined();
  });

  it('refuses with an error naming the output and the input it leads to', () => {
    const { photo, alias } = shoot();
    const output = path.join(alias, 'a.jpg');
    let refused: unknown;
    try {
      refuseOutputOntoInput(output, new InputLocations([photo]), 'original photo');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(OutputOntoInputError);
    expect(refused).toMatchObject({ reason: 'invalid', output, input: photo });
    expect((refused as Error).message).toBe(
      `refusing to overwrite the original photo ${photo}: the output ${output} leads to it through a link or another spelling; choose another output`,
    );
  });

  it('tells a path inside a linked folder from one beside it', () => {
    const { dir, photos, alias } = shoot();
    expect(isWithin(path.join(alias, 'x', 'y.cube'), photos)).toBe(true);
    expect(isWithin(alias, photos)).toBe(true);
    expect(isWithin(path.join(dir, 'photos-2', 'y.cube'), photos)).toBe(false);
  });
});
