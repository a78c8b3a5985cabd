/**
 * Finding the preset a person names on the command line: by id, or by name. Light on purpose
 * (the catalogue only): `nilut library` commands load it without the codecs.
 */
import type { Preset } from './catalogue.js';
import { getPreset, listPresets } from './catalogue.js';
import { LibraryError } from './errors.js';
import type { Library } from './library.js';

/** A preset by id, or by name (case-insensitive); an ambiguous name lists the candidates. */
export function findPreset(library: Library, idOrName: string): Preset {
  if (/^\d+$/.test(idOrName)) return getPreset(library, Number(idOrName));
  const matches = listPresets(library).filter((p) => p.name.toLowerCase() === idOrName.trim().toLowerCase());
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new LibraryError(library.file, `has no preset named ${JSON.stringify(idOrName)} (see \`nilut library search\`)`, 'not-found');
  throw new LibraryError(
    library.file,
    `has ${matches.length} presets named ${JSON.stringify(idOrName)} (ids ${matches.map((p) => p.id).join(', ')}): give the id`,
    'rejected',
  );
}
