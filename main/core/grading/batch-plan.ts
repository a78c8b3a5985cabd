/**
 * Which files a batch grades and where each result goes. Inputs are files or folders (top
 * level, or the whole tree with `recursive`, mirrored under the output folder). Files that are
 * not photos we can grade (camera raw, PSD, HEIC, anything without an image extension: the
 * registry in main/common/formats/photo-formats.ts) are skipped with a reason. Outputs never replace an input, never land in an input folder unless asked,
 * and two inputs never share one output, judged on where paths lead (core/output-safety.ts):
 * an --out that is a link to the photos' folder is that folder.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { NilutError } from '../errors.js';
import { InputLocations, linkNote, resolvedPath } from '../output-safety.js';
import type { FormatChoice, OutputFormat } from '../../common/formats/photo-formats.js';
import { photoExtensionOf, photoFormatOfName, photoSkipReason } from '../../common/formats/photo-formats.js';
import { DEFAULT_NAME_TEMPLATE } from '../../common/grade-defaults.js';

export type { FormatChoice };

export interface BatchTask {
  readonly input: string;
  readonly output: string;
  readonly format: OutputFormat;
}

export interface SkippedFile {
  readonly input: string;
  readonly reason: string;
}

export interface BatchPlan {
  readonly tasks: BatchTask[];
  readonly skipped: SkippedFile[];
  /** Files that cannot be graded as planned (an output clash); reported as failures. */
  readonly refused: SkippedFile[];
}

export interface PlanOptions {
  readonly out: string;
  readonly format?: FormatChoice;
  /** Output file name without extension: {name} (input's), {preset} (look's), {n} (1-based index). */
  readonly nameTemplate?: string;
  readonly presetName?: string;
  readonly recursive?: boolean;
  /** Allow the output folder to be an input folder (results beside the originals). */
  readonly intoInputFolder?: boolean;
}

/** A batch that cannot be planned as asked (an output folder among the inputs, a bad --name): the request's fault. */
export class BatchPlanError extends NilutError {
  override readonly name = 'BatchPlanError';
  constructor(message: string) {
    super('invalid', message);
  }
}

function slug(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters have no place in a file name
  return text.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '_').trim() || 'look';
}

function outputName(template: string, input: string, index: number, presetName: string): string {
  const name = path.basename(input, path.extname(input));
  const result = template
    .replaceAll('{name}', name)
    .replaceAll('{preset}', slug(presetName))
    .replaceAll('{n}', String(index + 1));
  if (result.includes('/') || result.includes('\\') || result.trim() === '')
    throw new BatchPlanError(`--name ${JSON.stringify(template)} must give a file name, not ${JSON.stringify(result)}`);
  return result;
}

function walk(dir: string, recursive: boolean, visit: (file: string, root: string) => void, root = dir): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) walk(full, recursive, visit, root);
    } else if (entry.isFile()) visit(full, root);
  }
}

export function planBatch(inputs: readonly string[], options: PlanOptions): BatchPlan {
  const out = path.resolve(options.out);
  const template = options.nameTemplate ?? DEFAULT_NAME_TEMPLATE;
  const found: { file: string; relativeDir: string }[] = [];
  const inputFolders = new Set<string>();
  for (const given of inputs) {
    const full = path.resolve(given);
    let info;
    try {
      info = statSync(full);
    } catch (error) {
      throw new BatchPlanError(`${given}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    if (info.isDirectory()) {
      walk(full, Boolean(options.recursive), (file, root) => {
        inputFolders.add(path.dirname(file));
        found.push({ file, relativeDir: path.relative(root, path.dirname(file)) });
      });
    } else {
      inputFolders.add(path.dirname(full));
      found.push({ file: full, relativeDir: '' });
    }
  }
  const tasks: BatchTask[] = [];
  const skipped: SkippedFile[] = [];
  const refused: SkippedFile[] = [];
  const originals = new InputLocations(found.map((f) => f.file));
  const outputsSeen = new Map<string, string>();
  found.forEach(({ file, relativeDir }, index) => {
    const reason = photoSkipReason(file);
    if (reason) return skipped.push({ input: file, reason: `${path.basename(file)}: ${reason}` });
    const sourceFormat = photoFormatOfName(file)!;
    const format: OutputFormat = !options.format || options.format === 'same' ? sourceFormat : options.format;
    // Same format keeps the input's own extension (.jpeg stays .jpeg, .TIF stays .TIF).
    const extension = format === sourceFormat ? path.extname(file) : `.${photoExtensionOf(format)}`;
    const output = path.join(out, relativeDir, outputName(template, file, index, options.presetName ?? 'look') + extension);
    const original = originals.inputAt(output);
    if (original !== undefined) {
      const via = linkNote(output, original);
      return refused.push({
        input: file,
        reason: `${path.basename(file)}: its output ${output} would replace an original photo${via ? `, ${original},${via}` : ''}`,
      });
    }
    const clash = outputsSeen.get(resolvedPath(output));
    if (clash)
      return refused.push({
        input: file,
        reason: `${path.basename(file)}: its output ${path.basename(output)} is already the output of ${path.basename(clash)} (use --name with {n}, or another --format)`,
      });
    outputsSeen.set(resolvedPath(output), file);
    tasks.push({ input: file, output, format });
  });
  if (!options.intoInputFolder) refuseOutputInInputFolder(options.out, [out, ...tasks.map((t) => path.dirname(t.output))], inputFolders);
  return { tasks, skipped, refused };
}

/** Throws unless every folder outputs go to (--out and, with `recursive`, its subfolders) is other than the input folders. */
function refuseOutputInInputFolder(given: string, outputFolders: readonly string[], inputFolders: Iterable<string>): void {
  const folders = new InputLocations(inputFolders);
  for (const folder of new Set(outputFolders)) {
    const input = folders.inputAt(folder);
    if (input === undefined) continue;
    const named = folder === path.resolve(given) ? given : folder;
    const via = linkNote(folder, input);
    const where = via ? ` leads to ${input}${via}, and that folder` : '';
    throw new BatchPlanError(`the output folder ${named}${where} holds the photos being graded; choose another --out (or allow writing beside the originals)`);
  }
}
