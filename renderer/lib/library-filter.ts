/**
 * The library's filter bar as state, and the 'library.list' request it stands for. Empty fields
 * are left out of the request rather than sent as '' (an empty tag would match nothing).
 */
import type { PresetKind, SortKey } from '../../main/common/vocabulary.js';
import type { Request } from '../../main/contract/contract.js';

export interface LibraryFilter {
  text: string;
  kind: PresetKind | '';
  /** A format registry's id ('cube', 'hald', 'nilut'...), or '' for any. */
  format: string;
  tag: string;
  collection: string;
  favourites: boolean;
  sort: SortKey;
  descending: boolean;
}

export function emptyFilter(): LibraryFilter {
  return { text: '', kind: '', format: '', tag: '', collection: '', favourites: false, sort: 'name', descending: false };
}

export function listRequest(f: LibraryFilter): Request<'library.list'> {
  const filter: NonNullable<Request<'library.list'>['filter']> = { sort: f.sort };
  const text = f.text.trim();
  if (text) filter.text = text;
  if (f.kind) filter.kind = f.kind;
  if (f.format) filter.sourceFormat = f.format;
  if (f.tag) filter.tag = f.tag;
  if (f.collection) filter.collection = f.collection;
  if (f.favourites) filter.favourite = true;
  if (f.descending) filter.descending = true;
  return { filter };
}

export function isFiltered(f: LibraryFilter): boolean {
  return Boolean(f.text.trim() || f.kind || f.format || f.tag || f.collection || f.favourites);
}
