/**
 * The peer of bench:compact: G'MIC's keypoint compression of a colour LUT (`compress_clut`;
 * Tschumperlé, Porquet and Mahboubi, "Reconstruction of smooth 3D color functions from
 * keypoints", SIAM J. Imaging Sciences 13(3), 2020), run through Debian's `gmic` command. For one
 * look it writes a 33³ .cube (resampled, as G'MIC's own compress_cluts resizes every look to
 * 33³), compresses it within a wall-clock budget, and decompresses the keypoints back into a 33³
 * LUT, which the caller compares with the exact LUT.
 *
 * The commands (argument syntax from gmic(1) of G'MIC 2.9.4):
 *   gmic input_cube <look>.cube compress_clut <max ΔE>,<mean ΔE>,<max keypoints> output <look>.cimg
 *   gmic <look>.cimg decompress_clut 33,33,33 output_cube <look>.decompressed.cube
 * What compress_clut does (2.9.4's standard library, as embedded in libgmic1): from the cube's 8
 * corners it adds one keypoint at a time where the reconstruction (thin-plate RBF) is worst, until
 * its own ΔE2000 over the lattice meets both goals or the cap is reached; with a cap set, a look
 * still unmet at 320 keypoints is started again from the corners with its diffusion (PDE)
 * reconstruction. Then it tries removing each keypoint in turn, keeping each removal the goals
 * survive. It writes its keypoints only when it finishes: a G'MIC killed at the budget (SIGKILL,
 * and SIGINT likewise) leaves no file, so a look it cannot finish in time has no result, only the
 * progress it logged. The cap is its third argument; its own default, 2048, is ours.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { gzipSync } from 'node:zlib';
import { expected, throwIfCancelled } from '../../main/core/errors.js';
import type { Lut3D } from '../../main/core/lut/lut.js';
import { readLutFile, writeLutFile } from '../../main/core/lut/lut-file.js';

/** Lattice points per axis of the .cube G'MIC compresses and of its reconstruction: compress_clut's own default size. */
export const GMIC_LATTICE = 33;

export interface GmicPeerOptions {
  /** Wall-clock seconds compress_clut may run before its process group is killed. */
  readonly budgetSeconds?: number;
  /** compress_clut's goals, ΔE2000 over the lattice as G'MIC measures it: the largest error and the mean. */
  readonly maxError?: number;
  readonly meanError?: number;
  /**
   * compress_clut's cap on keypoints (8 or more; 0 for none). It starts from the cube's 8 corners
   * and adds before it tests the cap, so a cap of 8 still gives 9.
   */
  readonly maxKeypoints?: number;
  /** Where the .cube, keypoint and decompressed files are kept; by default a temporary folder removed afterwards. */
  readonly workDir?: string;
  readonly signal?: AbortSignal;
}

export const GMIC_DEFAULTS = { budgetSeconds: 150, maxError: 1.5, meanError: 0.75, maxKeypoints: 2048 } as const;

/** What compress_clut last reported: `adding` while it grows its keypoints, `removing` while it prunes them. */
export interface GmicProgress {
  readonly phase: 'adding' | 'removing';
  readonly keypoints: number;
  /** Its ΔE2000 over the lattice, largest and mean, for the keypoints it was trying. */
  readonly maxError: number;
  readonly meanError: number;
}

interface GmicRunCommon {
  readonly look: string;
  /** The two command lines, as run (in workDir). */
  readonly commands: readonly string[];
  /** compress_clut's wall-clock time. */
  readonly seconds: number;
  readonly lastProgress: GmicProgress | undefined;
  /** The most keypoints it held at once: more than it ended with when it started again from the corners (see the module comment). */
  readonly peakKeypoints: number;
}

export interface GmicCompressed extends GmicRunCommon {
  readonly kind: 'compressed';
  readonly keypoints: number;
  /** 6 per keypoint (position and colour), or 4 for a black-and-white look, where G'MIC keeps one colour channel. */
  readonly channels: number;
  /** The keypoint file's name in workDir (.cimg: a text header, then float32 values); its size as written, and gzipped at level 9. */
  readonly keypointFile: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** 'keypoint-cap' when it stopped adding at the cap with a goal still unmet; false when it met its goals. */
  readonly stoppedShort: 'keypoint-cap' | false;
  /** The keypoints decompressed to a 33³ LUT, as G'MIC reconstructs it (values may stray a little outside [0,1]). */
  readonly decompressed: Lut3D;
  readonly decompressSeconds: number;
}

export interface GmicNoResult extends GmicRunCommon {
  readonly kind: 'no-result';
  /** Killed at the budget: G'MIC writes its keypoints only when it finishes. */
  readonly stoppedShort: 'timeout';
}

export type GmicPeerResult = GmicCompressed | GmicNoResult;

/** A step of the peer that failed, naming the look and the step. */
export class GmicPeerError extends Error {
  override readonly name = 'GmicPeerError';
  constructor(
    readonly look: string,
    readonly step: string,
    problem: string,
  ) {
    super(`G'MIC peer, look "${look}", ${step}: ${problem}`);
  }
}

/** Decompression is one reconstruction, seconds even at 2048 keypoints: this only guards against a hung process. */
const DECOMPRESS_LIMIT_SECONDS = 600;

/** A line of compress_clut's log: `> Add [#12] Max_Err = 2.2, Avg_Err = 0.9` or `> Rem [#9/16] Max_Err = …`. */
const PROGRESS_LINE = /> (Add|Rem) \[#(\d+)(?:\/(\d+))?\] Max_Err = ([^,\s]+), Avg_Err = ([^\s]+)/;

function parseProgress(line: string): GmicProgress | undefined {
  const m = PROGRESS_LINE.exec(line);
  if (!m) return undefined;
  const adding = m[1] === 'Add';
  return { phase: adding ? 'adding' : 'removing', keypoints: Number(adding ? m[2] : m[3]), maxError: Number(m[4]), meanError: Number(m[5]) };
}

interface GmicExit {
  readonly seconds: number;
  readonly timedOut: boolean;
  readonly code: number | null;
  /** The last progress line of each phase seen, and the error G'MIC printed, if any. */
  readonly lastAdd: GmicProgress | undefined;
  readonly last: GmicProgress | undefined;
  readonly peak: number;
  readonly error: string | undefined;
}

/** Runs gmic in its own process group, which is killed whole at the time limit or on abort. */
function runGmic(args: readonly string[], cwd: string, limitSeconds: number, signal: AbortSignal | undefined): Promise<GmicExit> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('gmic', args, { cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let timedOut = false;
    let lastAdd: GmicProgress | undefined;
    let last: GmicProgress | undefined;
    let peak = 0;
    let error: string | undefined;
    let pending = '';
    const killGroup = () => {
      try {
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group had already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, limitSeconds * 1000);
    signal?.addEventListener('abort', killGroup, { once: true });
    // G'MIC redraws its progress with carriage returns; a line can be split across chunks.
    child.stderr.setEncoding('utf8');
    const read = (line: string) => {
      const progress = parseProgress(line);
      if (progress) {
        last = progress;
        peak = Math.max(peak, progress.keypoints);
        if (progress.phase === 'adding') lastAdd = progress;
      } else if (line.includes('*** Error')) error = stripVTControlCharacters(line).trim();
    };
    child.stderr.on('data', (chunk: string) => {
      const lines = (pending + chunk).split(/[\r\n]/);
      pending = lines.pop() ?? '';
      lines.forEach(read);
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      read(pending);
      clearTimeout(timer);
      signal?.removeEventListener('abort', killGroup);
      resolve({ seconds: (performance.now() - started) / 1000, timedOut, code, lastAdd, last, peak, error });
    });
  });
}

/** Keypoint count and channels from a .cimg header: `1 float little_endian` then `width height depth channels`. */
function cimgShape(bytes: Uint8Array): { keypoints: number; channels: number } | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256)).split('\n');
  const dims = head[1]?.trim().split(/\s+/).map(Number);
  if (!/^1 float /.test(head[0] ?? '') || dims?.length !== 4 || dims[0] !== 1 || dims[2] !== 1) return undefined;
  return { keypoints: dims[1], channels: dims[3] };
}

/** A file name G'MIC reads as one argument: its commas and spaces would split it. */
const fileStem = (look: string) => look.replace(/[^A-Za-z0-9_-]+/g, '_');

function checkOptions(look: string, budgetSeconds: number, maxError: number, meanError: number, maxKeypoints: number): void {
  const positive = { budgetSeconds, maxError, meanError };
  for (const [name, value] of Object.entries(positive)) {
    if (!(value > 0 && Number.isFinite(value))) throw new GmicPeerError(look, 'options', expected(name, 'a positive number', value));
  }
  if (!Number.isInteger(maxKeypoints) || (maxKeypoints !== 0 && maxKeypoints < 8)) {
    throw new GmicPeerError(look, 'options', expected('maxKeypoints', 'an integer of 8 or more, or 0 for no cap', maxKeypoints));
  }
}

/** Compresses one look with G'MIC and decompresses the result (see the module comment). */
export async function gmicCompress(look: string, lut: Lut3D, options: GmicPeerOptions = {}): Promise<GmicPeerResult> {
  const { budgetSeconds, maxError, meanError, maxKeypoints } = { ...GMIC_DEFAULTS, ...options };
  checkOptions(look, budgetSeconds, maxError, meanError, maxKeypoints);
  const dir = options.workDir ?? (await mkdtemp(path.join(tmpdir(), 'nilut-gmic-')));
  const stem = fileStem(look);
  const [cube, keypointFile, decompressedCube] = [`${stem}.cube`, `${stem}.cimg`, `${stem}.decompressed.cube`];
  const compress = ['input_cube', cube, 'compress_clut', `${maxError},${meanError},${maxKeypoints}`, 'output', keypointFile];
  const decompress = [keypointFile, 'decompress_clut', `${GMIC_LATTICE},${GMIC_LATTICE},${GMIC_LATTICE}`, 'output_cube', decompressedCube];
  const commands = [compress, decompress].map((args) => `gmic ${args.join(' ')}`);
  const fail = (step: string, problem: string) => new GmicPeerError(look, step, problem);
  const cancelled = `G'MIC peer cancelled on look "${look}"`;
  try {
    throwIfCancelled(options.signal, cancelled);
    await writeLutFile(path.join(dir, cube), lut, { size: GMIC_LATTICE });
    const run = await runGmic(compress, dir, budgetSeconds, options.signal).catch((e: NodeJS.ErrnoException) => {
      throw fail('compress_clut', e.code === 'ENOENT' ? 'the gmic command is not installed (Debian: apt-get install gmic)' : String(e));
    });
    throwIfCancelled(options.signal, cancelled);
    const common = { look, commands, seconds: run.seconds, lastProgress: run.last, peakKeypoints: run.peak };
    if (run.timedOut) return { ...common, kind: 'no-result', stoppedShort: 'timeout' };
    if (run.code !== 0) throw fail('compress_clut', `gmic exited with status ${run.code}${run.error ? `: ${run.error}` : ''}`);

    const bytes = await readFile(path.join(dir, keypointFile)).catch(() => {
      throw fail('compress_clut', `gmic finished but wrote no ${keypointFile}`);
    });
    const shape = cimgShape(bytes);
    if (!shape) throw fail('reading the keypoints', `${keypointFile} is not the 1×N float image compress_clut writes`);

    const back = await runGmic(decompress, dir, DECOMPRESS_LIMIT_SECONDS, options.signal);
    if (back.timedOut || back.code !== 0) {
      throw fail(
        'decompress_clut',
        back.timedOut ? `no result in ${DECOMPRESS_LIMIT_SECONDS} s` : `gmic exited with status ${back.code}${back.error ? `: ${back.error}` : ''}`,
      );
    }
    throwIfCancelled(options.signal, cancelled);
    const decompressed = (await readLutFile(path.join(dir, decompressedCube))).lut;
    // The add phase ends either because its last measurement met both goals or because the cap was reached.
    if (!run.lastAdd) throw fail('reading its log', 'compress_clut logged no "Add" line, so whether it met its goals is unknown');
    const goalsMet = run.lastAdd.maxError <= maxError && run.lastAdd.meanError <= meanError;
    return {
      ...common,
      kind: 'compressed',
      ...shape,
      keypointFile,
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
      stoppedShort: goalsMet ? false : 'keypoint-cap',
      decompressed,
      decompressSeconds: back.seconds,
    };
  } finally {
    if (options.workDir === undefined) await rm(dir, { recursive: true, force: true });
  }
}

/** The installed G'MIC's version (`294` for 2.9.4), or undefined when there is no gmic command. */
export async function gmicVersion(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn('gmic', ['v', '-', 'echo_stdout', '$_version'], { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.once('error', () => resolve(undefined));
    child.once('close', (code) => resolve(code === 0 ? out.trim() : undefined));
  });
}
