// Import a chassis from the NetBox community devicetype-library YAML format
// (u_height, is_full_depth, weight + weight_unit, airflow, power-ports,
// module-bays). Pure: text in, a user chassis part out; a bad file throws a
// NetboxImportError naming the field so the user can fix that line.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { CatalogPart, type PartOf } from './part';

export class NetboxImportError extends Error {
  /** Dotted path of the offending field, or "" for the file as a whole. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'NetboxImportError';
    this.field = field;
  }
}

const KG_PER: Record<string, number> = { kg: 1, g: 0.001, lb: 0.45359237, oz: 0.028349523125 };

const AIRFLOW: Record<string, 'front-to-rear' | 'rear-to-front' | 'side-to-side' | 'passive'> = {
  'front-to-rear': 'front-to-rear',
  'rear-to-front': 'rear-to-front',
  'left-to-right': 'side-to-side',
  'right-to-left': 'side-to-side',
  passive: 'passive',
};

function str(obj: Record<string, unknown>, key: string, required: boolean): string | null {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (required) throw new NetboxImportError(key, 'is required');
    return null;
  }
  if (typeof v !== 'string' && typeof v !== 'number') throw new NetboxImportError(key, 'must be text');
  const s = String(v).trim();
  if (s === '' && required) throw new NetboxImportError(key, 'must not be empty');
  return s || null;
}

function list(obj: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const v = obj[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new NetboxImportError(key, 'must be a list');
  return v.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new NetboxImportError(`${key}.${i}`, 'must be a mapping with a name');
    return item as Record<string, unknown>;
  });
}

/** Parses NetBox device-type YAML text into a user chassis part with the given id. */
export function chassisFromNetbox(text: string, id: string): PartOf<'chassis'> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` (line ${err.linePos[0].line})` : '';
    throw new NetboxImportError('', `not valid YAML${where}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new NetboxImportError('', 'expected a NetBox device type (a YAML mapping with manufacturer, model, u_height …)');
  const y = doc as Record<string, unknown>;

  const manufacturer = str(y, 'manufacturer', true)!;
  const model = str(y, 'model', true)!;
  const partNumber = str(y, 'part_number', false);
  const slug = str(y, 'slug', false);

  let heightU: number | null = null;
  if (y.u_height !== undefined && y.u_height !== null) {
    const u = y.u_height;
    if (typeof u !== 'number' || !Number.isFinite(u)) throw new NetboxImportError('u_height', 'must be a number of rack units');
    if (!Number.isInteger(u) || u < 1 || u > 60) throw new NetboxImportError('u_height', `must be a whole number of rack units from 1 to 60 for a chassis (got ${u})`);
    heightU = u;
  }

  let fullDepth: boolean | null = null;
  if (y.is_full_depth !== undefined && y.is_full_depth !== null) {
    if (typeof y.is_full_depth !== 'boolean') throw new NetboxImportError('is_full_depth', 'must be true or false');
    fullDepth = y.is_full_depth;
  }

  let weightKg: number | null = null;
  if (y.weight !== undefined && y.weight !== null) {
    if (typeof y.weight !== 'number' || !(y.weight > 0)) throw new NetboxImportError('weight', 'must be a positive number');
    const unit = str(y, 'weight_unit', false);
    if (unit === null) throw new NetboxImportError('weight_unit', 'is required when weight is given (kg, g, lb or oz)');
    const factor = KG_PER[unit.toLowerCase()];
    if (factor === undefined) throw new NetboxImportError('weight_unit', `must be kg, g, lb or oz (got "${unit}")`);
    weightKg = Math.round(y.weight * factor * 1000) / 1000;
  }

  const airflowText = str(y, 'airflow', false);
  const airflow = airflowText ? (AIRFLOW[airflowText] ?? 'unknown') : 'unknown';

  const powerPorts = list(y, 'power-ports').map((p, i) => {
    const name = str(p, 'name', false) ?? `power port ${i + 1}`;
    const type = str(p, 'type', false);
    const draw = p.maximum_draw;
    if (draw !== undefined && draw !== null && (typeof draw !== 'number' || draw < 0)) throw new NetboxImportError(`power-ports.${i}.maximum_draw`, 'must be a number of watts');
    return { name, type, maximumDrawW: typeof draw === 'number' ? draw : null };
  });
  const moduleBays = list(y, 'module-bays').map((b, i) => str(b, 'name', false) ?? `bay ${i + 1}`);
  const gpuBays = moduleBays.filter((n) => /gpu/i.test(n)).length;

  const notes = [
    fullDepth === null ? null : `Full depth: ${fullDepth ? 'yes' : 'no'} (NetBox gives no depth in mm).`,
    powerPorts.length
      ? `Power ports: ${powerPorts.map((p) => `${p.name}${p.type ? ` (${p.type})` : ''}${p.maximumDrawW !== null ? ` max ${p.maximumDrawW} W` : ''}`).join('; ')}.`
      : null,
    moduleBays.length ? `Module bays: ${moduleBays.join(', ')}.` : null,
    gpuBays === 0 ? 'GPU positions are not in the NetBox file: set them before planning GPUs.' : null,
    'Imported from a NetBox device type; not checked against the vendor.',
  ].filter((s): s is string => s !== null);

  const candidate = {
    id,
    category: 'chassis',
    vendor: manufacturer,
    model,
    aliases: [partNumber, slug].filter((s): s is string => !!s && s !== model),
    specs: {
      heightU,
      depthMm: null,
      weightKg,
      boardFormFactors: [],
      compatibleBoards: [],
      integratedBoard: null,
      psuBays: powerPorts.length,
      psusFitted: [],
      psuRedundancy: null,
      gpu: { maxCards: gpuBays, maxCardLengthMm: null, maxCardWidthSlots: null },
      airflow,
      maxDrawW: null,
      provenance: { verified: false, source: `NetBox devicetype-library: ${manufacturer}/${slug ?? model}`, note: 'Imported by the user.' },
    },
    typicalUsedPrice: null,
    sources: [{ url: `NetBox devicetype-library device type ${manufacturer} ${model}`, note: 'Imported YAML file.' }],
    notes: notes.join(' '),
    builtin: false,
    revision: 1,
  };
  const parsed = CatalogPart.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new NetboxImportError(issue.path.map(String).join('.'), issue.message);
  }
  return parsed.data as PartOf<'chassis'>;
}
