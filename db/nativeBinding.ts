// The better-sqlite3 binary every connection of this process loads. Unset (the
// default) means node_modules' own build; the Electron shell sets its side-by-side
// build (electron/native/sqliteBinding.ts) before the first connection opens.
import type Database from 'better-sqlite3';

let binding: string | undefined;

export function setSqliteBinding(file: string | undefined): void {
  binding = file;
}

/** `options` plus nativeBinding when one is set: pass to every `new Database(…)`. */
export function withBinding(options: Database.Options = {}): Database.Options {
  return binding ? { ...options, nativeBinding: binding } : options;
}
