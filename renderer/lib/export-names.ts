/**
 * File names for exporting several presets into one folder: each preset's name made safe for
 * every file system (no separators, reserved characters or trailing dots), and made unique when
 * two presets share a name.
 */
export function exportFileNames(names: readonly string[], extension: string): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in Windows names
    const base = name.replace(/[<>:"/\\|?*\x00-\x1f]/g, '_').replace(/[. ]+$/, '') || 'preset';
    let candidate = `${base}.${extension}`;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base} (${n}).${extension}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
