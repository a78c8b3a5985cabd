/**
 * The names of the IPC contract's channels and events, and nothing else: the part of the
 * contract with no zod in it, which the preload (bundled into every window) and the renderer
 * may import as values. contract.ts gives each channel its request schema and each event its
 * payload, and the compiler holds both to these lists, so each name is written here once.
 */

export const CHANNEL_NAMES = [
  'app.info',
  'library.list',
  'library.get',
  'library.tags',
  'library.import',
  'library.importFiles',
  'library.edit',
  'library.remove',
  'library.restore',
  'library.export',
  'library.saveBlend',
  'library.saveMix',
  'library.match',
  'models.fit',
  'jobs.list',
  'jobs.cancel',
  'photos.open',
  'photos.openBytes',
  'photos.current',
  'preview.render',
  'preview.thumbnails',
  'grading.start',
  'grading.cancel',
  'settings.get',
  'settings.set',
  'files.browse',
  'dialog.open',
  'dialog.save',
  'shell.reveal',
] as const;
export type Channel = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = [
  'jobs.changed',
  'import.progress',
  'grading.progress',
  'grading.finished',
  'library.changed',
  'files.dropped',
  'menu.command',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
