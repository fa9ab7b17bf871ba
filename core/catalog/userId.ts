// Ids for the user's own parts: "user.<category>.<slug>", with -2, -3 … when
// taken, so they never collide with built-ins (which never start with "user.").
import { USER_PART_PREFIX, type PartCategory } from './part';

export function slugify(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'part';
}

export function userPartId(category: PartCategory, model: string, isTaken: (id: string) => boolean): string {
  const base = `${USER_PART_PREFIX}${category}.${slugify(model)}`;
  if (!isTaken(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!isTaken(id)) return id;
  }
}
