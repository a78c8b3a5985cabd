/**
 * A name for a new preset that no preset has yet: saving a blend under a name the library
 * holds would make two presets nobody can tell apart, so the save offers the next free one
 * ("Warm mix 2") instead. Names compare as a person reads them: trimmed, any case.
 */
const key = (name: string) => name.trim().toLocaleLowerCase();

export function nameTaken(name: string, taken: readonly string[]): boolean {
  return taken.some((t) => key(t) === key(name));
}

export function freeName(name: string, taken: readonly string[]): string {
  const base = name.trim().replace(/\s+\d+$/, '');
  let n = 2;
  while (nameTaken(`${base} ${n}`, taken)) n++;
  return nameTaken(name, taken) ? `${base} ${n}` : name.trim();
}
