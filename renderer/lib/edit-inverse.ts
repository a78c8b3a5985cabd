/**
 * The edit that takes a preset back to how it was before another edit: what undo sends. It is
 * worked out from the preset as it was, so undoing "add tag warm" to a preset that already had
 * it removes nothing, and undoing a rename restores the exact old name.
 */
import type { PresetSummary, Request } from '../../main/contract/contract.js';

export type PresetPatch = Omit<Request<'library.edit'>, 'id'>;

export function inverseEdit(before: PresetSummary, patch: PresetPatch): PresetPatch {
  const inverse: PresetPatch = {};
  if (patch.name !== undefined && patch.name !== before.name) inverse.name = before.name;
  if (patch.favourite !== undefined && patch.favourite !== before.favourite) inverse.favourite = before.favourite;
  if (patch.rating !== undefined && patch.rating !== before.rating) inverse.rating = before.rating;
  if (patch.notes !== undefined && patch.notes !== before.notes) inverse.notes = before.notes;
  const added = (patch.addTags ?? []).filter((t) => !before.tags.includes(t));
  if (added.length) inverse.removeTags = added;
  const removed = (patch.removeTags ?? []).filter((t) => before.tags.includes(t));
  if (removed.length) inverse.addTags = removed;
  if (patch.addToCollection !== undefined && !before.collections.includes(patch.addToCollection)) inverse.removeFromCollection = patch.addToCollection;
  if (patch.removeFromCollection !== undefined && before.collections.includes(patch.removeFromCollection)) inverse.addToCollection = patch.removeFromCollection;
  return inverse;
}

/** Whether a patch changes nothing (an undo of an edit that changed nothing is not kept). */
export function isEmptyPatch(patch: PresetPatch): boolean {
  return Object.keys(patch).length === 0;
}
