/**
 * The preview at colour and tone strengths (preview-renderer.ts): a held slider's draft is the
 * strengths at 33³, said to be inexact when the release uses a larger lattice, and close to it.
 */
import { describe, expect, it } from 'vitest';
import { compareColours } from '../../../main/core/color/metrics.js';
import { importPaths } from '../../../main/core/library/import.js';
import { PreviewPhoto } from '../../../main/core/preview/preview-photo.js';
import { PreviewRenderer } from '../../../main/core/preview/preview-renderer.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture } from '../../support/paths.js';

const libraries = useTemporaryLibraries();

function rgbFloats(pixels: Uint8Array): Float32Array {
  const out = new Float32Array((pixels.length / 4) * 3);
  for (let i = 0, p = 0; p < pixels.length; i += 3, p += 4) for (let c = 0; c < 3; c++) out[i + c] = pixels[p + c] / 255;
  return out;
}

describe('preview at colour and tone strengths', () => {
  it('drafts a 144³ Hald at 33³ (not exact, within ΔE2000 0.3 mean of the release) and releases it exactly', async () => {
    const library = libraries.open();
    const report = await importPaths(library, [fixture('luts/hald/rawtherapee_Fuji_Velvia_50.png')], { queueFits: false });
    const look = { kind: 'preset' as const, presetId: report.imported[0].presetId };
    const renderer = new PreviewRenderer(library);
    const photo = await PreviewPhoto.open(fixture('photos/kodim23.png'));
    const request = { look, colourStrength: 0.2, toneStrength: 0.7, maxEdge: 384 };
    const draft = await renderer.render(photo, { ...request, quality: 'draft' });
    const full = await renderer.render(photo, { ...request, quality: 'full' });
    expect([draft.exact, full.exact]).toEqual([false, true]);
    const gap = compareColours(rgbFloats(full.pixels), rgbFloats(draft.pixels)).deltaE2000;
    expect(gap.mean).toBeLessThan(0.3);
    expect(gap.mean).toBeGreaterThan(0);
    // Without strengths, a LUT's draft is the LUT itself.
    expect((await renderer.render(photo, { look, maxEdge: 384, quality: 'draft' })).exact).toBe(true);
    // The release again (the derived lattice kept) renders the same pixels.
    const again = await renderer.render(photo, { ...request, quality: 'full' });
    expect(Buffer.from(again.pixels).equals(Buffer.from(full.pixels))).toBe(true);
    renderer.close();
  });
});
