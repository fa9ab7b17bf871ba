// Import from the NetBox community devicetype-library YAML format. Pure: text
// in, a user part (chassis or PDU) or a refusal out, with every problem named
// by the file's own field path and units. The app's import dialog and
// `rackhive catalog import-netbox` both run importNetbox; chassisFromNetbox is
// the older chassis-only entry that throws.
import { CatalogPart, type PartCategory, type PartOf } from './part';
import { builtinMatchOf, extraFacts, namesOf } from './netbox/builtinMatch';
import { commentUrls, readDeviceType, USED_KEYS, type DeviceType } from './netbox/deviceType';
import { FieldReader } from './netbox/fields';
import type { NetboxIssue } from './netbox/issue';
import { routeOf } from './netbox/route';
import { chassisSpecs } from './netbox/toChassis';
import { pduSpecs } from './netbox/toPdu';
import { readNetboxYaml } from './netbox/yaml';
import { normalizeName } from './resolve';

export type { NetboxIssue } from './netbox/issue';

export class NetboxImportError extends Error {
  /** Dotted path of the offending field, or "" for the file as a whole. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'NetboxImportError';
    this.field = field;
  }
}

export interface NetboxImportOptions {
  /** The id the new part gets (the host picks a free "user." id for the category and model). */
  idFor: (category: PartCategory, model: string) => string;
  /** The file as the user named it (path or file name); a "device-types/…" path in it is the upstream path. */
  fileName?: string;
  /** The catalog, to find a built-in part of the same model. */
  catalog?: readonly CatalogPart[];
}

export interface NetboxImport {
  /** False when the file is refused or has errors; `part` is then null. */
  ok: boolean;
  category: PartCategory | null;
  part: CatalogPart | null;
  issues: NetboxIssue[];
  /** The built-in part this file describes, when there is one (then `part` is a copy with its own name). */
  builtin: { id: string; vendor: string; model: string } | null;
  /** What the file adds to that built-in, to keep as a note when the built-in is kept. */
  builtinNote: string | null;
  /** Where that note comes from: the upstream library path (with its URL) or the file's name. */
  noteSource: { source: string; url: string | null } | null;
}

const NOTES_MAX = 5000;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 40).trimEnd()} … (cut; the file has more)`;
}

const LIBRARY_URL = 'https://github.com/netbox-community/devicetype-library/blob/master/';

/** "…/devicetype-library/device-types/Dell/PowerEdge-R740.yaml" → "device-types/Dell/PowerEdge-R740.yaml". */
export function upstreamPathOf(fileName: string | undefined): string | null {
  if (!fileName) return null;
  const p = fileName.replace(/\\/g, '/');
  const at = p.lastIndexOf('device-types/');
  return at >= 0 ? p.slice(at) : null;
}

/** Catalog paths in a schema error → the NetBox field they came from. */
const FILE_FIELD: Record<string, string> = {
  vendor: 'manufacturer',
  model: 'model',
  'specs.heightU': 'u_height',
  'specs.weightKg': 'weight',
  'specs.psuBays': 'power-ports',
  'specs.gpu.maxCards': 'module-bays',
  'specs.nodeBays': 'device-bays',
  'specs.outlets': 'power-outlets',
  'specs.inputPlug': 'power-ports.0.type',
};

function refused(issues: NetboxIssue[]): NetboxImport {
  return { ok: false, category: null, part: null, issues, builtin: null, builtinNote: null, noteSource: null };
}

function sources(dt: DeviceType, upstream: string | null, fileName: string | undefined) {
  const file = upstream
    ? { url: `${LIBRARY_URL}${upstream}`, note: `NetBox devicetype-library file ${upstream} (imported by the user; not checked against the vendor).` }
    : {
        url: `NetBox device-type file ${fileName ? `"${fileName.replace(/\\/g, '/').split('/').pop()}"` : ''} (${dt.manufacturer} ${dt.model})`.replace(
          '  ',
          ' ',
        ),
        note: 'Imported by the user; its path in the library was not given.',
      };
  return [file, ...commentUrls(dt.comments).map((url) => ({ url, note: "Linked from the NetBox file's comments." }))];
}

/** Reads one NetBox device-type file into a part, a refusal, and every issue found on the way. */
export function importNetbox(text: string, options: NetboxImportOptions): NetboxImport {
  const read = readNetboxYaml(text, USED_KEYS);
  if (!read.doc) return refused(read.issues);
  const r = new FieldReader();
  r.issues.push(...read.issues);
  const dt = readDeviceType(read.doc, r);
  if (!dt || r.failed) return refused(r.issues);

  const route = routeOf(dt);
  if (route.kind === 'refuse') {
    r.error(route.path, route.message);
    return refused(r.issues);
  }
  const category: PartCategory = route.kind;
  const draft = category === 'chassis' ? chassisSpecs(dt, r) : pduSpecs(dt, r);
  if (r.failed) return refused(r.issues);

  const upstream = upstreamPathOf(options.fileName);
  const sourceLabel = upstream ?? `the NetBox file${options.fileName ? ` ${options.fileName.replace(/\\/g, '/').split('/').pop()}` : ''}`;
  const fileNames = [dt.model, dt.partNumber, `${dt.manufacturer} ${dt.model}`].filter((s): s is string => !!s);
  const aliases = [...new Set([dt.partNumber, dt.slug].filter((s): s is string => !!s && normalizeName(s) !== normalizeName(dt.model)))];
  const notes = [...draft.notes, 'Imported from a NetBox device type; not checked against the vendor.'];
  const specs =
    category === 'chassis'
      ? { ...draft.specs, provenance: { verified: false, source: upstream ?? sourceLabel, note: 'Imported by the user from NetBox.' } }
      : draft.specs;

  let candidate = {
    id: options.idFor(category, dt.model),
    category,
    vendor: dt.manufacturer,
    model: dt.model,
    aliases,
    specs,
    typicalUsedPrice: null,
    sources: sources(dt, upstream, options.fileName),
    // The part editor takes notes up to 5,000 characters; bay lists of huge files are cut, not the import.
    notes: clip(notes.join(' '), NOTES_MAX),
    builtin: false,
    revision: 1,
  };
  let parsed = CatalogPart.safeParse(candidate);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path.map(String).join('.');
      r.error(FILE_FIELD[path] ?? '', `${i.message} (as the catalog's ${path || 'part'})`);
    }
    return refused(r.issues);
  }

  let builtin: NetboxImport['builtin'] = null;
  let builtinNote: string | null = null;
  const match = options.catalog ? builtinMatchOf(parsed.data, fileNames, options.catalog) : null;
  if (match) {
    // A copy keeps none of the built-in's names, so "rackhive catalog show <model>" still finds one part.
    const taken = namesOf(match);
    const model = `${dt.model} (NetBox)`;
    candidate = { ...candidate, id: options.idFor(category, model), model, aliases: aliases.filter((a) => !taken.has(normalizeName(a))) };
    parsed = CatalogPart.safeParse(candidate);
    if (!parsed.success) return refused([...r.issues, { path: '', message: parsed.error.issues[0]?.message ?? 'invalid part', severity: 'error' }]);
    builtin = { id: match.id, vendor: match.vendor, model: match.model };
    builtinNote = extraFacts(parsed.data, match, sourceLabel);
    r.warn(
      'model',
      `${dt.manufacturer} ${dt.model} is already built in as ${match.id} (${match.model}), which is richer than a NetBox file (${category === 'chassis' ? 'board, GPU positions, sourced PSUs' : 'sourced volts, amps and load'}). Keep the built-in, or import this as a copy named "${model}" so that no name means two parts.`,
    );
  }
  const fileLabel = options.fileName?.replace(/\\/g, '/').split('/').pop() ?? `${dt.manufacturer} ${dt.model}`;
  const noteSource = builtinNote ? { source: upstream ?? fileLabel, url: upstream ? `${LIBRARY_URL}${upstream}` : null } : null;
  return { ok: true, category, part: parsed.data, issues: r.issues, builtin, builtinNote, noteSource };
}

/** Parses NetBox device-type YAML text into a user chassis part with the given id; throws on any error or a non-chassis file. */
export function chassisFromNetbox(text: string, id: string): PartOf<'chassis'> {
  const result = importNetbox(text, { idFor: () => id });
  const first = result.issues.find((i) => i.severity === 'error');
  if (!result.ok || !result.part) throw new NetboxImportError(first?.path ?? '', first?.message ?? 'not a NetBox device type');
  if (result.part.category !== 'chassis') throw new NetboxImportError('', `this file is a ${result.part.category}, not a chassis`);
  return result.part;
}
