// One schema step. Migrations are TypeScript modules (not .sql files) so they
// bundle into Electron's main process; each is applied in its own transaction
// together with the bump of PRAGMA user_version to `version`.
export interface Migration {
  /** Equals the number in the file name (0001_… → 1). */
  version: number;
  /** The file name without number and extension, for messages and backups. */
  name: string;
  sql: string;
  /** For table rebuilds: foreign keys are turned off around this migration's transaction (references are still checked before it commits). */
  disableForeignKeys?: boolean;
}
