/**
 * What every file format in the registries declares (OpenColorIO's FormatRegistry: a format
 * names its extensions once, and every list of extensions is collected from the formats), and
 * how a file name finds its format. No imports, Node's or any other: the renderer and the
 * preload bundle this folder for a page.
 */

export interface FileFormat {
  readonly id: string;
  /** What a person calls it, for help text, dialogs and messages. */
  readonly name: string;
  /** Lower-case, without the dot; the first is the one written. */
  readonly extensions: readonly string[];
}

/**
 * The extension of a file name or path, lower-case and without its dot ('' for none): Node's
 * path.extname rule (a name starting with its only dot, '.cube', is a hidden file with no
 * extension), for '/' and '\' alike, since the renderer sees paths of every system.
 */
export function extensionOf(name: string): string {
  const trimmed = name.replace(/[\\/]+$/, '');
  const base = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Every extension of these formats, each once, in the formats' order. */
export function extensionsOf(formats: readonly FileFormat[]): string[] {
  return [...new Set(formats.flatMap((f) => f.extensions))];
}

/** The formats that claim a file's extension (several when they share one, as image LUTs do). */
export function formatsOfName<F extends FileFormat>(formats: readonly F[], name: string): F[] {
  const extension = extensionOf(name);
  return extension ? formats.filter((f) => f.extensions.includes(extension)) : [];
}

/** ".cube, .3dl or .png": extensions as a person reads them in a message or help text. */
export function dotted(extensions: readonly string[], last = 'or'): string {
  return spoken(
    extensions.map((e) => `.${e}`),
    last,
  );
}

/** "a, b or c". */
export function spoken(words: readonly string[], last = 'or'): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}
