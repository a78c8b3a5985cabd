/**
 * The current photo and previews of looks on it. Previews and thumbnails are rendered in
 * sRGB-encoded 8-bit RGBA (core/preview); a newer preview request abandons an older one still
 * baking, whose caller gets a 'cancelled' error and simply draws the newer frame.
 */
import { PreviewPhoto } from '../../core/preview/preview-photo.js';
import { LookError, PreviewRenderer, PreviewSupersededError } from '../../core/preview/preview-renderer.js';
import { renderThumbnails } from '../../core/preview/thumbnails.js';
import type { HandlerMap } from '../dispatch.js';
import { IpcFailure } from '../errors.js';
import type { HostContext } from '../host-context.js';
import { lookTarget } from './library.js';

type PreviewChannels = 'photos.open' | 'photos.openBytes' | 'photos.current' | 'preview.render' | 'preview.thumbnails';

export interface PreviewService {
  readonly handlers: Pick<HandlerMap, PreviewChannels>;
  close(): void;
}

export function previewHandlers(ctx: HostContext): PreviewService {
  const renderer = new PreviewRenderer(ctx.library);
  let photo: PreviewPhoto | undefined;
  const current = (): PreviewPhoto => {
    if (!photo) throw new IpcFailure('unavailable', 'no photo is open: open a photo to preview looks on it');
    return photo;
  };
  const handlers: PreviewService['handlers'] = {
    'photos.open': async ({ path }) => {
      photo = await PreviewPhoto.open(ctx.grants.check(path, 'photo'));
      return photo.info;
    },
    'photos.openBytes': async ({ name, bytes }) => {
      photo = await PreviewPhoto.fromBytes(name, bytes);
      return photo.info;
    },
    'photos.current': () => photo?.info ?? null,
    'preview.render': async ({ look, strength, maxEdge, quality }) => {
      lookTarget(ctx, look);
      try {
        return await renderer.renderLatest(current(), { look, strength, maxEdge, quality });
      } catch (error) {
        if (error instanceof PreviewSupersededError) throw new IpcFailure('cancelled', 'a newer preview replaced this one');
        if (error instanceof LookError) throw new IpcFailure('invalid-request', error.message);
        throw error;
      }
    },
    'preview.thumbnails': ({ presetIds, size }) => renderThumbnails(renderer, current(), presetIds, size),
  };
  return { handlers, close: () => renderer.close() };
}
