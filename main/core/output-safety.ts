/**
 * Whether writing a file would destroy an input, decided on what a path leads to rather than
 * on how it is spelled: a folder reached through a symbolic link, a hard link, `..` after a
 * link, or another letter case on a case-insensitive disk all name the same bytes under a
 * different string. Every door that writes (grade, apply, convert, library export, and the IPC
 * handlers through the same core functions) asks here, before it writes anything.
 *
 * Two keys identify a place, and one shared key is enough: its real path (symbolic links
 * resolved: the nearest existing ancestor resolved, the rest joined as given, because an output
 * usually does not exist yet), and for a path that exists its device and inode (a hard link, a
 * bind mount, a case-folding file system). An output that does not exist cannot be an input,
 * since inputs exist when a command starts.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { NilutError } from './errors.js';

/**
 * The real path `p` leads to. Lexical first (`path.resolve`), as every writer here resolves its
 * destination the same way before it opens it (writeFileAtomic), so the check and the write
 * agree on the place.
 */
export function resolvedPath(p: string): string {
  const absolute = path.resolve(p);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(resolvedPath(parent), path.basename(absolute));
  }
}

/** Whether `child` is `root` or lies below it, as spelled (both already resolved). */
export function isInside(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Whether `child` is `folder` or lies below it, once both are resolved. */
export function isWithin(child: string, folder: string): boolean {
  return isInside(resolvedPath(child), resolvedPath(folder));
}

/** Device and inode of what `p` leads to, if it exists (some network file systems answer inode 0: no identity). */
function identityOf(p: string): string | undefined {
  try {
    const info = statSync(path.resolve(p), { bigint: true, throwIfNoEntry: false });
    return info && info.ino !== 0n ? `${info.dev}:${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}

function keysOf(p: string): string[] {
  const identity = identityOf(p);
  return identity ? [`path ${resolvedPath(p)}`, `inode ${identity}`] : [`path ${resolvedPath(p)}`];
}

/** A command's inputs (files or folders), indexed once so that each output is looked up, not compared with every input. */
export class InputLocations {
  private readonly byKey = new Map<string, string>();

  constructor(inputs: Iterable<string>) {
    for (const input of inputs) for (const key of keysOf(input)) if (!this.byKey.has(key)) this.byKey.set(key, input);
  }

  /** The input (as it was given) that `target` leads to, if any. */
  inputAt(target: string): string | undefined {
    for (const key of keysOf(target)) {
      const input = this.byKey.get(key);
      if (input !== undefined) return input;
    }
    return undefined;
  }
}

/** How `output` reaches `input`, for a message: nothing to say when both are spelled alike. */
export function linkNote(output: string, input: string): string {
  return path.resolve(output) === path.resolve(input) ? '' : ' through a link or another spelling';
}

/**
 * An output that would land on an input (a photo, a LUT, the library's own files): refused
 * before anything is written. A request wrong as a whole, like an output folder that is an
 * input folder, hence 'invalid' (exit 2, invalid-request).
 */
export class OutputOntoInputError extends NilutError {
  override readonly name = 'OutputOntoInputError';
  constructor(
    readonly output: string,
    readonly input: string,
    message: string,
  ) {
    super('invalid', message);
  }
}

/** Throws OutputOntoInputError if `output` leads to one of `inputs`; `what` names an input for a person ("original photo"). */
export function refuseOutputOntoInput(output: string, inputs: InputLocations, what: string): void {
  const input = inputs.inputAt(output);
  if (input === undefined) return;
  throw new OutputOntoInputError(
    output,
    input,
    `refusing to overwrite the ${what} ${input}: the output ${output} leads to it${linkNote(output, input)}; choose another output`,
  );
}
