import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHOTO_EXTENSIONS } from '../../main/common/formats/photo-formats.js';
import { PRESET_EXTENSIONS } from '../../main/common/formats/preset-files.js';
import { openDialogOptions, saveDialogOptions } from '../../main/electron/main/dialog-options.js';

describe('openDialogOptions', () => {
  it('import: LUTs and models, files and folders on macOS, files elsewhere', () => {
    const mac = openDialogOptions({ purpose: 'import', multiple: true }, 'darwin');
    expect(mac.properties).toEqual(['openFile', 'openDirectory', 'multiSelections']);
    expect(mac.filters).toEqual([{ name: 'LUTs and NILUT models', extensions: ['cube', '3dl', 'png', 'tif', 'tiff', 'nilut', 'pt', 'pth'] }]);
    // Asking Windows or Linux for both would show a folder picker only.
    expect(openDialogOptions({ purpose: 'import', multiple: true }, 'linux').properties).toEqual(['openFile', 'multiSelections']);
    expect(openDialogOptions({ purpose: 'import', multiple: false }, 'win32').properties).toEqual(['openFile']);
  });

  it('photo: one image file by default', () => {
    const options = openDialogOptions({ purpose: 'photo', multiple: false }, 'linux');
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters?.[0].extensions).toEqual([...PHOTO_EXTENSIONS]);
    expect(PHOTO_EXTENSIONS).toEqual(['jpg', 'jpeg', 'jpe', 'png', 'tif', 'tiff', 'webp', 'avif']);
  });

  it('grade-inputs: files and folders on macOS, folders elsewhere', () => {
    expect(openDialogOptions({ purpose: 'grade-inputs', multiple: true }, 'darwin').properties).toEqual(['openFile', 'openDirectory', 'multiSelections']);
    expect(openDialogOptions({ purpose: 'grade-inputs', multiple: true }, 'win32').properties).toEqual(['openDirectory', 'multiSelections']);
  });

  it('output-folder: one folder, which may be created in the dialog', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const options = openDialogOptions({ purpose: 'output-folder', multiple: true }, platform);
      expect(options.properties).toEqual(['openDirectory', 'createDirectory']);
      expect(options.filters).toBeUndefined();
    }
  });

  it('offers every preset format the library imports, .pth checkpoints included', () => {
    expect(PRESET_EXTENSIONS).toEqual(['cube', '3dl', 'png', 'tif', 'tiff', 'nilut', 'pt', 'pth']);
  });
});

describe('saveDialogOptions', () => {
  it('starts in the given folder with the suggested name and the allowed extensions', () => {
    const options = saveDialogOptions({ defaultName: 'Portra.cube', extensions: ['cube', '3dl'] }, '/home/me/Documents', path.posix.join);
    expect(options.defaultPath).toBe('/home/me/Documents/Portra.cube');
    expect(options.filters).toEqual([{ name: 'CUBE, 3DL', extensions: ['cube', '3dl'] }]);
    expect(options.properties).toEqual(expect.arrayContaining(['createDirectory', 'showOverwriteConfirmation']));
  });
});
