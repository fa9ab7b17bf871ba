// The built-in catalog's data files under assets/catalog, as they are on disk
// (before the schema applies its defaults): the one list lives in files.ts.
export { BUILTIN_FILES } from './files';
