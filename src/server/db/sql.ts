/** Small SQL helpers shared by the repositories. */

/**
 * A LIKE/ILIKE pattern matching `text` anywhere: its `\`, `%` and `_` escaped (backslash is PostgreSQL's
 * default LIKE escape), wrapped in `%…%`, so user input is matched literally.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
