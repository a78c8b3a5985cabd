/**
 * A batch's defaults, written once: the contract's schema, the settings store, the CLI's
 * options and the batch view start from these. Types are all it imports: the renderer bundles it.
 */
import type { FormatChoice } from './formats/photo-formats.js';

export const DEFAULT_FORMAT_CHOICE: FormatChoice = 'same';
/** JPEG, WebP and AVIF quality, 1..100. */
export const DEFAULT_QUALITY = 92;
/** An output is named as its input ({preset} and {n} may be added). */
export const DEFAULT_NAME_TEMPLATE = '{name}';
