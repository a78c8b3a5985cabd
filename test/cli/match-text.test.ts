import { describe, expect, it } from 'vitest';
import { parseBlendPresets } from '../../main/cli/blend-option.js';
import { ambiguousNamesOf, blendPresetsText, weightsInHundredths } from '../../main/cli/match-text.js';

describe('a match as a --blend-presets value', () => {
  it('prints weights to two decimals that sum to exactly 1.00', () => {
    expect(weightsInHundredths([1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    expect(weightsInHundredths([0.604, 0.396])).toEqual([60, 40]);
    expect(weightsInHundredths([0.125, 0.125, 0.75])).toEqual([13, 12, 75]);
    for (const weights of [[1], [0.001, 0.999], [0.2449, 0.2551, 0.5]]) expect(weightsInHundredths(weights).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('names each look so that --blend-presets reads the same presets back', () => {
    const parts = [
      { presetId: 4, name: 'Velvia 50', weight: 0.6 },
      { presetId: 7, name: 'Portra 400', weight: 0.4 },
    ];
    expect(blendPresetsText(parts)).toBe('Velvia 50:0.60,Portra 400:0.40');
    const awkward = [
      { presetId: 3, name: 'Teal, orange', weight: 0.5 },
      { presetId: 5, name: 'Look: warm', weight: 0.2 },
      { presetId: 8, name: '1970', weight: 0.2 },
      { presetId: 9, name: 'Fade', weight: 0.1 },
    ];
    const text = blendPresetsText(awkward, ambiguousNamesOf(['Fade', 'fade ', 'Velvia 50']));
    expect(text).toBe('3:0.50,5:0.20,8:0.20,9:0.10');
    expect(parseBlendPresets(text)).toEqual([
      { idOrName: '3', weight: 0.5 },
      { idOrName: '5', weight: 0.2 },
      { idOrName: '8', weight: 0.2 },
      { idOrName: '9', weight: 0.1 },
    ]);
    expect(parseBlendPresets(blendPresetsText(parts))).toEqual([
      { idOrName: 'Velvia 50', weight: 0.6 },
      { idOrName: 'Portra 400', weight: 0.4 },
    ]);
  });
});
