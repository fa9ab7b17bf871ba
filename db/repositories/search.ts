// Search words → LIKE patterns. SQLite's LIKE and lower() fold ASCII letters
// only, so the words are folded the same way (an "É" matches only "É").

/** The search box's text split into words (blank → none). */
export function searchWords(search: string): string[] {
  return search
    .split(/\s+/)
    .filter((w) => w !== '')
    .slice(0, 20)
    .map((w) => w.replace(/[A-Z]/g, (c) => c.toLowerCase()));
}

/** A LIKE pattern matching `word` anywhere, with % _ and \ taken literally (use ESCAPE '\'). */
export function likeContains(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}
