/**
 * What each native dialog shows, from the request's purpose. Pure, so each purpose's
 * properties and filters are tested per platform.
 *
 * On Windows and Linux a dialog cannot pick files and folders at once (Electron shows a
 * folder picker when asked for both), so there 'import' picks files and 'grade-inputs' picks
 * folders, the common case of each; the other kind can still be dropped on the window.
 */
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { ParsedRequest } from '../../contract/contract.js';
import type { FileFilter } from '../../contract/file-filters.js';
import { OPEN_FILTERS } from '../../contract/file-filters.js';

type OpenProperty = NonNullable<OpenDialogOptions['properties']>[number];

/** Electron's filter list for a purpose's files (the registries' extensions, main/common/formats/). */
function filters(filter: FileFilter | null): OpenDialogOptions['filters'] {
  return filter ? [{ name: filter.name, extensions: [...filter.extensions] }] : undefined;
}

export function openDialogOptions(request: ParsedRequest<'dialog.open'>, platform: NodeJS.Platform = process.platform): OpenDialogOptions {
  const mac = platform === 'darwin';
  const many: OpenProperty[] = request.multiple ? ['multiSelections'] : [];
  switch (request.purpose) {
    case 'import':
      return {
        title: 'Import presets',
        buttonLabel: 'Import',
        properties: [...(mac ? (['openFile', 'openDirectory'] as const) : (['openFile'] as const)), ...many],
        filters: filters(OPEN_FILTERS.import),
      };
    case 'photo':
      return { title: 'Open photo', buttonLabel: 'Open', properties: ['openFile', ...many], filters: filters(OPEN_FILTERS.photo) };
    case 'grade-inputs':
      return {
        title: 'Choose photos to grade',
        buttonLabel: 'Choose',
        properties: [...(mac ? (['openFile', 'openDirectory'] as const) : (['openDirectory'] as const)), ...many],
        filters: filters(OPEN_FILTERS['grade-inputs']),
      };
    case 'output-folder':
      return { title: 'Choose the output folder', buttonLabel: 'Choose', properties: ['openDirectory', 'createDirectory'] };
    case 'look-to-match':
      return { title: 'Choose a LUT to match', buttonLabel: 'Match', properties: ['openFile'], filters: filters(OPEN_FILTERS['look-to-match']) };
  }
}

export function saveDialogOptions(
  request: ParsedRequest<'dialog.save'>,
  defaultDir: string,
  joinPath: (dir: string, name: string) => string,
): SaveDialogOptions {
  return {
    title: 'Save',
    defaultPath: joinPath(defaultDir, request.defaultName),
    filters: [{ name: request.extensions.map((e) => e.toUpperCase()).join(', '), extensions: [...request.extensions] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}
