/**
 * The contract's zod schemas: every channel's request schema, validated at run time by whoever
 * answers the channel (the host's dispatch, and Electron's main process for its own three).
 * Only those import this file as values; everything else takes the request types through
 * contract.ts, so no page bundle carries zod. The channel names are channels.ts's, and the
 * compiler holds requestSchemas to them.
 */
import { z } from 'zod';
import { FORMAT_CHOICES } from '../common/formats/photo-formats.js';
import { DEFAULT_FORMAT_CHOICE, DEFAULT_NAME_TEMPLATE, DEFAULT_QUALITY } from '../common/grade-defaults.js';
import { JOB_STATES, PRESET_KINDS, SORT_KEYS } from '../common/vocabulary.js';
import { MAX_LATTICE_SIZE, MIN_LATTICE_SIZE } from '../common/lattice-sizes.js';
import { MAX_BLEND_LOOKS } from '../common/blend-limits.js';
import type { Channel } from './channels.js';
import { OPEN_PURPOSES } from './file-filters.js';
import { LIMITS } from './limits.js';

const id = z.number().int().positive();
const path = z.string().min(1).max(4096);
const paths = z.array(path).min(1).max(LIMITS.maxPathsPerCall);
const mebibytes = (bytes: number) => `${bytes / 2 ** 20} MiB`;
/** One file's bytes sent by a browser page, which has no path for it. */
const uploadBytes = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength <= LIMITS.maxUploadBytes, `is larger than ${mebibytes(LIMITS.maxUploadBytes)} (open or import a file this large by its path)`);
const weights = z.array(z.number().finite().min(0).max(1)).min(1).max(LIMITS.maxStyles);
const strength = z.number().finite().min(0).max(1);
/** The look's colour (CIELAB a*b*) and tone (L*) over the photo's, before `strength` (core/lut/look-strengths.ts). */
const lookStrengths = { colourStrength: strength.default(1), toneStrength: strength.default(1) };

/** The looks of a blend of presets, with their weights (any scale: they are normalised). */
const mixSources = z
  .array(z.object({ presetId: id, weight: z.number().finite().min(0).max(1e6) }).strict())
  .min(2)
  .max(MAX_BLEND_LOOKS)
  .refine((sources) => new Set(sources.map((s) => s.presetId)).size === sources.length, 'names a preset twice')
  .refine((sources) => sources.some((s) => s.weight > 0), 'has weights that are all 0');

/** What a preview, thumbnail, export or batch grades with. */
export const LookSchema = z.discriminatedUnion('kind', [
  /** A preset as saved (a LUT, a model's first style, a blend at its own weights). */
  z.object({ kind: z.literal('preset'), presetId: id }),
  /** A model or blend preset's model at chosen style weights (the blend view's sliders). */
  z.object({ kind: z.literal('blend'), presetId: id, weights }),
  /** Any presets, each as saved, mixed by weight (normalised): their looks' outputs Σ wᵢ·lookᵢ(x). */
  z.object({ kind: z.literal('mix'), sources: mixSources }),
]);
export type Look = z.infer<typeof LookSchema>;

const PresetFilterSchema = z
  .object({
    kind: z.enum(PRESET_KINDS).optional(),
    /** A format registry's id (main/common/formats/): what the preset was imported from. */
    sourceFormat: z.string().min(1).max(40).optional(),
    tag: z.string().max(200).optional(),
    collection: z.string().max(200).optional(),
    favourite: z.boolean().optional(),
    hasModel: z.boolean().optional(),
    minRating: z.number().int().min(0).max(5).optional(),
    text: z.string().max(500).optional(),
    sort: z.enum(SORT_KEYS).optional(),
    descending: z.boolean().optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();

const GradeSettingsSchema = z
  .object({
    inputs: paths,
    out: path,
    look: LookSchema,
    strength: strength.default(1),
    ...lookStrengths,
    format: z.enum(FORMAT_CHOICES).default(DEFAULT_FORMAT_CHOICE),
    quality: z.number().int().min(1).max(100).default(DEFAULT_QUALITY),
    bits: z.union([z.literal(8), z.literal(16)]).optional(),
    nameTemplate: z.string().min(1).max(200).default(DEFAULT_NAME_TEMPLATE),
    recursive: z.boolean().default(false),
    existing: z.enum(['skip', 'overwrite', 'fail']).default('fail'),
    jobs: z.number().int().min(1).max(64).optional(),
    keepProfile: z.boolean().default(false),
  })
  .strict();
export type GradeSettings = z.input<typeof GradeSettingsSchema>;

/**
 * A named set of batch output settings (Lightroom's export presets), kept in the settings file
 * so both shells see them (a browser's localStorage is per origin, and the bridge's port
 * changes from run to run).
 */
export const ExportPresetSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    out: z.string().max(4096),
    format: z.enum(FORMAT_CHOICES),
    quality: z.number().int().min(1).max(100),
    bits: z.union([z.literal(8), z.literal(16), z.null()]),
    nameTemplate: z.string().min(1).max(200),
    recursive: z.boolean(),
    existing: z.enum(['skip', 'overwrite', 'fail']),
  })
  .strict();
export type ExportPreset = z.infer<typeof ExportPresetSchema>;

const SettingsPatchSchema = z
  .object({
    exportPresets: z.array(ExportPresetSchema).max(200).optional(),
    libraryDir: path.optional(),
    outputFormat: z.enum(FORMAT_CHOICES).optional(),
    quality: z.number().int().min(1).max(100).optional(),
    bits: z.union([z.literal(8), z.literal(16)]).optional(),
    nameTemplate: z.string().min(1).max(200).optional(),
    workers: z.number().int().min(1).max(64).optional(),
    thumbnailSize: z.number().int().min(64).max(LIMITS.maxThumbnailEdge).optional(),
  })
  .strict();

const empty = z.object({}).strict();

/** Every channel's request schema. Keys are the channel names. */
export const requestSchemas = {
  'app.info': empty,

  'library.list': z.object({ filter: PresetFilterSchema.default({}) }).strict(),
  'library.get': z.object({ id }).strict(),
  'library.tags': empty,
  'library.import': z.object({ paths, queueFits: z.boolean().default(true) }).strict(),
  /** Files dropped onto a browser window, which has their bytes but not their paths. */
  'library.importFiles': z
    .object({
      files: z
        .array(
          z.object({
            name: z.string().min(1).max(255),
            bytes: uploadBytes,
          }),
        )
        .min(1)
        .max(LIMITS.maxUploadFiles)
        .refine(
          (files) => files.reduce((n, f) => n + f.bytes.byteLength, 0) <= LIMITS.maxUploadBytesPerCall,
          `hold more than ${mebibytes(LIMITS.maxUploadBytesPerCall)} together: send them in several calls`,
        ),
      queueFits: z.boolean().default(true),
    })
    .strict(),
  'library.edit': z
    .object({
      id,
      name: z.string().trim().min(1).max(200).optional(),
      favourite: z.boolean().optional(),
      rating: z.number().int().min(0).max(5).optional(),
      notes: z.string().max(20_000).optional(),
      addTags: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
      removeTags: z.array(z.string().min(1).max(100)).max(100).optional(),
      addToCollection: z.string().trim().min(1).max(200).optional(),
      removeFromCollection: z.string().min(1).max(200).optional(),
    })
    .strict(),
  'library.remove': z.object({ ids: z.array(id).min(1).max(LIMITS.maxPathsPerCall) }).strict(),
  /** Undoes removals: what 'library.remove' answered as trashIds. */
  'library.restore': z.object({ trashIds: z.array(id).min(1).max(LIMITS.maxPathsPerCall) }).strict(),
  'library.export': z
    .object({
      look: LookSchema,
      path,
      size: z.number().int().min(MIN_LATTICE_SIZE).max(MAX_LATTICE_SIZE).optional(),
      ...lookStrengths,
      overwrite: z.boolean().default(false),
      /** The file's TITLE, when the look is shown under another name than its preset's (a blend of a model's styles). */
      title: z.string().trim().min(1).max(200).optional(),
    })
    .strict(),
  'library.saveBlend': z.object({ presetId: id, name: z.string().trim().min(1).max(200), weights }).strict(),
  'library.saveMix': z.object({ name: z.string().trim().min(1).max(200), sources: mixSources }).strict(),
  /** The blends of up to maxLooks library looks nearest a preset, a LUT file or a before/after pair (core/match/). */
  'library.match': z
    .object({
      target: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('preset'), presetId: id }).strict(),
        z.object({ kind: z.literal('lut'), path }).strict(),
        z.object({ kind: z.literal('pair'), before: path, after: path }).strict(),
      ]),
      maxLooks: z.number().int().min(1).max(6).default(3),
      candidates: z.number().int().min(1).max(20).default(5),
    })
    .strict(),

  'models.fit': z
    .object({
      presetIds: z.array(id).min(1).max(LIMITS.maxStyles),
      name: z.string().trim().min(1).max(200).optional(),
      steps: z.number().int().min(1).max(1_000_000).optional(),
    })
    .strict(),
  'jobs.list': z.object({ states: z.array(z.enum(JOB_STATES)).optional() }).strict(),
  /** One job, or a group of queued ones (the jobs view's "25 fits queued"): all or none. */
  'jobs.cancel': z.object({ ids: z.array(id).min(1).max(LIMITS.maxPathsPerCall) }).strict(),

  'photos.open': z.object({ path }).strict(),
  /** A photo dropped onto a browser window (bytes only). */
  'photos.openBytes': z.object({ name: z.string().min(1).max(255), bytes: uploadBytes }).strict(),
  'photos.current': empty,

  'preview.render': z
    .object({
      look: LookSchema,
      strength: strength.default(1),
      ...lookStrengths,
      maxEdge: z.number().int().min(16).max(LIMITS.maxPreviewEdge).default(1024),
      /** While a slider is dragged: the fast approximation; on release: the exact look. */
      quality: z.enum(['draft', 'full']).default('full'),
    })
    .strict(),
  'preview.thumbnails': z
    .object({
      presetIds: z.array(id).min(1).max(LIMITS.maxThumbnailsPerCall),
      size: z.number().int().min(32).max(LIMITS.maxThumbnailEdge).default(256),
    })
    .strict(),

  'grading.start': GradeSettingsSchema,
  'grading.cancel': z.object({ runId: id }).strict(),

  'settings.get': empty,
  'settings.set': SettingsPatchSchema,

  /** A folder's entries, inside the folders the user granted (the browser's file picker). */
  'files.browse': z.object({ dir: path.optional() }).strict(),
  /** A native open dialog (Electron only); its choice is granted for later calls. */
  'dialog.open': z.object({ purpose: z.enum(OPEN_PURPOSES), multiple: z.boolean().default(false) }).strict(),
  'dialog.save': z
    .object({
      defaultName: z.string().min(1).max(255),
      extensions: z
        .array(z.string().regex(/^[a-z0-9]{1,8}$/))
        .min(1)
        .max(8),
    })
    .strict(),
  /** Show a file or folder in the system's file manager (Electron only). */
  'shell.reveal': z.object({ path }).strict(),
} as const satisfies Record<Channel, z.ZodType>;

/** What the renderer passes (defaults may be left out). */
export type Request<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
/** What a handler receives, after validation and defaults. */
export type ParsedRequest<C extends Channel> = z.output<(typeof requestSchemas)[C]>;
