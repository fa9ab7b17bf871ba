// One thing the importer says about a NetBox file: the field path is the file's
// own (`power-ports.0.name`, `weight`), the message uses the file's units.
// Errors stop the import; warnings and notes travel with the imported part.
export interface NetboxIssue {
  /** Dotted path in the NetBox file; "" for the file as a whole. */
  path: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
}
