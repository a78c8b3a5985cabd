/**
 * The library's enumerations, each written once: the contract's schemas (z.enum), the CLI's
 * option checks, the core's types and the renderer's menus are built from these arrays. The
 * migrations' CHECK constraints spell them in SQL, and a test holds them to these lists.
 * No imports: the renderer bundles this file.
 */

export const PRESET_KINDS = ['lut', 'model', 'blend', 'mix'] as const;
export type PresetKind = (typeof PRESET_KINDS)[number];

export const SORT_KEYS = ['name', 'created', 'modified', 'rating'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const JOB_KINDS = ['fit', 'import', 'learn'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A job is queued, then running (claimed by one runner), then done, failed or cancelled. */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
