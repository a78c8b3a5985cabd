/**
 * The one contract between the main process and the renderer: every channel's request and
 * response types, and every event main pushes. Its request schemas are beside it in schemas.ts
 * (zod, for whoever answers a channel); this file has no zod, so every bundle may import it.
 *
 * A call never rejects across the boundary: it resolves to a Result, and a failure carries an
 * IpcError with a code the renderer can act on and a message a person can read.
 * Binary data (preview pixels, thumbnails, dropped files) crosses as Uint8Array: structured
 * clone in Electron, a binary WebSocket frame in the bridge (see bridge/wire.ts), never base64.
 */
import type { FormatChoice } from '../common/formats/photo-formats.js';
import type { JobKind, JobState, PresetKind } from '../common/vocabulary.js';
import type { LookVerdict } from '../common/look-verdict.js';
import type { Channel, EventName } from './channels.js';
import type { Request } from './schemas.js';

export { CHANNEL_NAMES, EVENT_NAMES, isChannel, isEventName, type Channel, type EventName } from './channels.js';
export { LIMITS } from './limits.js';
export type { ExportPreset, GradeSettings, Look, ParsedRequest, Request } from './schemas.js';
import type { ExportPreset } from './schemas.js';
export type { FormatChoice, JobKind, JobState, PresetKind };

// ---------------------------------------------------------------------------------------------
// Response types (main builds them, so they are checked at compile time, not at run time).

/**
 * A catalogue preset as the renderer sees it (main/core/library/catalogue.ts's Preset without
 * its storage hashes). The contract spells its types out rather than importing core's, so the
 * preload and the renderer compile against this one file and nothing of main/core; the
 * handlers build these from core's types, so a drift between the two fails to compile.
 */
export interface PresetSummary {
  readonly id: number;
  readonly name: string;
  readonly kind: PresetKind;
  readonly sourceFormat: string | null;
  readonly originalName: string | null;
  readonly latticeSize: number | null;
  readonly modelId: number | null;
  readonly blendWeights: number[] | null;
  /** A blend of presets: its looks and their weights (summing to 1), in order; null for other kinds. */
  readonly mixSources: { readonly presetId: number; readonly weight: number }[] | null;
  /** How many saved blends mix this preset (removing it removes them). */
  readonly usedByMixes: number;
  readonly favourite: boolean;
  readonly rating: number;
  readonly notes: string;
  readonly tags: string[];
  readonly collections: string[];
  readonly hasModel: boolean;
  readonly createdAt: string;
  readonly modifiedAt: string;
}

export interface ModelSummary {
  readonly id: number;
  readonly units: number;
  readonly layers: number;
  readonly parameters: number;
  /** Size of the .nilut file. */
  readonly bytes: number;
  readonly styles: { readonly name: string; readonly presetId: number | null }[];
  /** Fidelity against the source LUTs (PSNR dB, ΔE76, ΔE2000 mean and max), when measured. */
  readonly metrics: { readonly psnr?: number; readonly deltaE76?: number; readonly deltaE2000?: number; readonly deltaE2000Max?: number } | null;
}

/** A LUT preset's compact learned look (main/core/library/learned-looks.ts): one look of the library model. */
export interface LearnedLookSummary {
  /** Lattice points per axis. */
  readonly size: number;
  /** Its look code's size. */
  readonly bytes: number;
  /** ΔE2000 against its LUT: held-out photographic colours (mean, p95, max) and a 33³ grid (mean). */
  readonly deltaE2000: { readonly mean: number; readonly p95: number; readonly max: number; readonly gridMean: number };
  /** Whether it met the fidelity goal. */
  readonly metGoal: boolean;
  /** Whether it was learned from the preset's LUT as it is now (else a learn job will replace it). */
  readonly current: boolean;
  /** The share (0 to 1) of the library model's bytes that is this look's; 0 when it is not current (not in the model). */
  readonly shareOfLibraryModel: number;
}

/** The library model: every current learned look as one compact looks file, against the LUT files they stand for. */
export interface LibraryModelInfo {
  readonly looks: number;
  /** The exact size of the looks file exporting them all writes. */
  readonly bytes: number;
  /** The stored LUT files of those presets. */
  readonly lutBytes: number;
}

export interface PresetDetail {
  readonly preset: PresetSummary;
  /** The model behind a model or blend, or the learned model of a LUT. */
  readonly model: ModelSummary | null;
  /** Size of the stored original file. */
  readonly fileBytes: number | null;
  /** A LUT preset's learned look, once it has one (the host always sends the field; null when none). */
  readonly learnedLook?: LearnedLookSummary | null;
}

export interface ImportResult {
  readonly imported: { file: string; presetId: number; kind: 'lut' | 'model' }[];
  readonly duplicates: { file: string; presetId: number }[];
  readonly failed: { file: string; error: string }[];
  readonly skipped: string[];
  /** The queued learn job that will learn the new LUTs as compact looks (one job for all of them, reused); null when there is nothing to learn. */
  readonly learnJob: number | null;
}

export interface JobSummary {
  readonly id: number;
  readonly kind: JobKind;
  readonly state: JobState;
  readonly title: string;
  readonly progress: number;
  readonly message: string;
  readonly error: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** The preset a finished fit made (null for imports and learn jobs). */
  readonly resultPresetId: number | null;
}

export interface PhotoInfo {
  /** sha256 of the photo's bytes (thumbnails are cached under it). */
  readonly hash: string;
  /** The file's name; the sample photo's title for the sample. */
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** The bundled sample photo, current until the user opens one of their own. */
  readonly sample: boolean;
}

export interface PreviewImage {
  readonly width: number;
  readonly height: number;
  /** RGBA, 8 bits per channel, sRGB-encoded: ready for ImageData. */
  readonly pixels: Uint8Array;
  /** Whether this is the exact look or the fast approximation shown while dragging. */
  readonly exact: boolean;
  /**
   * For a look that blends presets (a mix, or a saved one): 'exact' when it is the mix of the
   * LUTs' outputs, 'resampled' when LUTs of unlike grids were brought onto one (exact at its
   * points), 'baked' when a model among them is baked at its weights.
   */
  readonly mix?: 'exact' | 'resampled' | 'baked';
  /** Time main spent on it, for the status bar. */
  readonly milliseconds: number;
}

export interface Thumbnail {
  readonly presetId: number;
  /** JPEG bytes, or the reason there is none. */
  readonly jpeg: Uint8Array | null;
  readonly error: string | null;
  readonly cached: boolean;
}

export interface GradeProgressInfo {
  readonly done: number;
  readonly total: number;
  readonly megapixels: number;
  readonly elapsedSeconds: number;
  readonly megapixelsPerSecond: number;
  /** null until the first file is done. */
  readonly etaSeconds: number | null;
}

export interface GradeSummaryInfo {
  readonly graded: number;
  readonly skipped: { input: string; reason: string }[];
  readonly failed: { input: string; error: string }[];
  readonly megapixels: number;
  readonly seconds: number;
  readonly megapixelsPerSecond: number;
  readonly cancelled: boolean;
  readonly notStarted: number;
  readonly out: string;
}

export interface Settings {
  readonly libraryDir: string;
  readonly outputFormat: FormatChoice;
  readonly quality: number;
  readonly bits: 8 | 16 | null;
  readonly nameTemplate: string;
  readonly workers: number;
  readonly thumbnailSize: number;
  /** The batch's named output settings, in the order saved. */
  readonly exportPresets: readonly ExportPreset[];
}

export interface FolderListing {
  readonly dir: string;
  /** null at a granted root. */
  readonly parent: string | null;
  readonly roots: string[];
  readonly entries: { readonly name: string; readonly path: string; readonly kind: 'file' | 'folder'; readonly bytes: number | null }[];
}

export interface AppInfo {
  readonly version: string;
  /** 'electron' (native dialogs) or 'browser' (the bridge: paths typed or browsed). */
  readonly shell: 'electron' | 'browser';
  readonly libraryDir: string;
  readonly cores: number;
  /** The TensorFlow.js backend fitting runs on, once known. */
  readonly backend: string | null;
}

/**
 * The blends of library looks nearest a target look (main/core/match/match-look.ts), best first
 * by ΔE2000 mean on colours the weights were not fitted on.
 */
export interface MatchSummary {
  readonly candidates: {
    /** Heaviest first; weights ≥ 0 summing to 1. */
    readonly parts: { readonly presetId: number; readonly name: string; readonly weight: number }[];
    readonly deltaE2000: { readonly mean: number; readonly p95: number; readonly max: number };
    /** main/common/look-verdict.ts; 'approximate' is the nearest the library has. */
    readonly verdict: LookVerdict;
  }[];
  /** Looks matched with; presets that could not be loaded are in skipped. */
  readonly looks: number;
  readonly skipped: { readonly presetId: number; readonly name: string; readonly error: string }[];
  readonly samples: { readonly fit: number; readonly check: number };
}

export interface Responses {
  'app.info': AppInfo;
  'library.list': PresetSummary[];
  'library.get': PresetDetail;
  /** The library's tags and collections, and its model (the host always sends it). */
  'library.tags': { tags: { name: string; count: number }[]; collections: { name: string; count: number }[]; model: LibraryModelInfo };
  'library.import': ImportResult;
  'library.importFiles': ImportResult;
  'library.edit': PresetSummary;
  /** trashIds: where the removals are kept for 'library.restore' (the app's undo), until the host restarts. */
  'library.remove': { removed: number[]; blendsRemoved: number[]; trashIds: number[] };
  /** The presets put back (with their tags, collections, blends and learned looks), under their old ids. */
  'library.restore': { restored: number[] };
  'library.export': { file: string; format: string };
  'library.saveBlend': PresetSummary;
  'library.saveMix': PresetSummary;
  'library.match': MatchSummary;
  'models.fit': { jobId: number };
  'jobs.list': JobSummary[];
  'jobs.cancel': JobSummary[];
  'photos.open': PhotoInfo;
  'photos.openBytes': PhotoInfo;
  /** The user's photo, else the sample; null only when the sample cannot be read. */
  'photos.current': PhotoInfo | null;
  'preview.render': PreviewImage;
  'preview.thumbnails': Thumbnail[];
  'grading.start': { runId: number; total: number; skipped: number };
  'grading.cancel': { cancelled: boolean };
  'settings.get': Settings;
  'settings.set': Settings;
  'files.browse': FolderListing;
  'dialog.open': { paths: string[] };
  'dialog.save': { path: string | null };
  'shell.reveal': { shown: boolean };
}
export type Response<C extends Channel> = Responses[C];

// ---------------------------------------------------------------------------------------------
// Events main pushes to the renderer.

export interface Events {
  /** A job was queued, progressed or ended (fits, imports and learning, from any process). */
  'jobs.changed': { job: JobSummary; loss?: { step: number; deltaE2000: number } };
  'import.progress': { done: number; total: number; file: string };
  'grading.progress':
    | { runId: number; type: 'start'; total: number; skipped: number }
    | { runId: number; type: 'file-done'; input: string; output: string; progress: GradeProgressInfo }
    | { runId: number; type: 'file-skipped'; input: string; reason: string; progress: GradeProgressInfo }
    | { runId: number; type: 'file-failed'; input: string; error: string; progress: GradeProgressInfo };
  'grading.finished': { runId: number; summary: GradeSummaryInfo };
  'library.changed': { reason: 'import' | 'edit' | 'remove' | 'fit' | 'learn' | 'blend' };
  /** Files or folders dropped onto the window (Electron), already granted. */
  'files.dropped': { paths: string[] };
  /** A menu item the renderer acts on. */
  'menu.command': { command: 'import' | 'open-photo' | 'grade' | 'settings' | 'find' | 'toggle-before-after' };
}
/** Compiles only while Events has exactly the events channels.ts names. */
const EVENTS_MATCH_THEIR_NAMES: [keyof Events] extends [EventName] ? ([EventName] extends [keyof Events] ? true : never) : never = true;
void EVENTS_MATCH_THEIR_NAMES;

// ---------------------------------------------------------------------------------------------
// Results and errors.

export type IpcErrorCode =
  /** The channel does not exist. */
  | 'unknown-channel'
  /** The request does not match its schema; `issues` says where. */
  | 'invalid-request'
  /** A path outside the files and folders the user chose. */
  | 'forbidden-path'
  /** The thing asked for does not exist (preset, job, photo, file). */
  | 'not-found'
  /** The request is valid but cannot be done now or here (no current photo, no model yet). */
  | 'unavailable'
  /** Reading a user's file failed: a malformed LUT, a corrupt image. */
  | 'bad-file'
  /** The operation was cancelled. */
  | 'cancelled'
  /** Anything else: a bug or the disk; the message says what. */
  | 'failed';

export interface IpcError {
  readonly code: IpcErrorCode;
  readonly message: string;
  readonly issues?: { path: string; message: string }[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

/** What preload exposes as `window.nilut` and the bridge client implements in a browser. */
export interface NilutApi {
  invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Response<C>>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
