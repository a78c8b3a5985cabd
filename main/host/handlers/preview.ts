/**
 * The current photo (the user's, else the sample: current-photo.ts) and previews of looks on
 * it. Previews and thumbnails are rendered in sRGB-encoded 8-bit RGBA (core/preview); a newer
 * preview request abandons an older one still baking, whose caller gets a 'cancelled' error
 * and simply draws the newer frame.
 */
import { PreviewPhoto } from '../../core/preview/preview-photo.js';
import { PreviewRenderer } from '../../core/preview/preview-renderer.js';
import { renderThumbnails } from '../../core/preview/thumbnails.js';
import { CurrentPhoto } from '../current-photo.js';
import type { HandlerMap } from '../dispatch.js';
import type { HostContext } from '../context.js';
import { lookTarget } from './library.js';

type PreviewChannels = 'photos.open' | 'photos.openBytes' | 'photos.current' | 'preview.render' | 'preview.thumbnails';

export interface PreviewService {
  readonly handlers: Pick<HandlerMap, PreviewChannels>;
  close(): void;
}

/** `samplePhoto`: the photo shown until the user opens one (null: none). */
export function previewHandlers(ctx: HostContext, samplePhoto: string | null): PreviewService {
  const renderer = new PreviewRenderer(ctx.library);
  const photo = new CurrentPhoto(samplePhoto);
  const handlers: PreviewService['handlers'] = {
    'photos.open': async ({ path }) => photo.open(await PreviewPhoto.open(ctx.grants.check(path, 'photo'))),
    'photos.openBytes': async ({ name, bytes }) => photo.open(await PreviewPhoto.fromBytes(name, bytes)),
    'photos.current': () => photo.info(),
    'preview.render': async ({ look, strength, colourStrength, toneStrength, maxEdge, quality }) => {
      lookTarget(ctx, look);
      // A superseded render rejects with Cancelled ('cancelled'), a look asked for wrongly with
      // LookError ('invalid-request'): toIpcError maps both by their reason.
      return renderer.renderLatest(await photo.get(), { look, strength, colourStrength, toneStrength, maxEdge, quality });
    },
    'preview.thumbnails': async ({ presetIds, size }) => renderThumbnails(renderer, await photo.get(), presetIds, size),
  };
  return { handlers, close: () => renderer.close() };
}
