/** What a person types as tags: "portrait, warm" is two tags, as in Lightroom's keyword field. */
export function tagsOf(text: string): string[] {
  const tags = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}
