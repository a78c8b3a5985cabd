/**
 * Multi-select as file managers do it: a click selects one, Ctrl/Cmd-click toggles one,
 * Shift-click selects the range from the anchor (the last plain or Ctrl click).
 */
export interface Selection {
  readonly ids: ReadonlySet<number>;
  readonly anchor: number | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

export function select(sel: Selection, order: readonly number[], id: number, mods: { toggle: boolean; range: boolean }): Selection {
  if (mods.range && sel.anchor !== null && order.includes(sel.anchor)) {
    const a = order.indexOf(sel.anchor);
    const b = order.indexOf(id);
    const [from, to] = a < b ? [a, b] : [b, a];
    const ids = new Set(mods.toggle ? sel.ids : []);
    for (const x of order.slice(from, to + 1)) ids.add(x);
    return { ids, anchor: sel.anchor };
  }
  if (mods.toggle) {
    const ids = new Set(sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  return { ids: new Set([id]), anchor: id };
}

/** Drops ids that are no longer listed (after a filter or a removal). */
export function keepListed(sel: Selection, order: readonly number[]): Selection {
  const listed = new Set(order);
  const ids = new Set([...sel.ids].filter((id) => listed.has(id)));
  return { ids, anchor: sel.anchor !== null && listed.has(sel.anchor) ? sel.anchor : null };
}
