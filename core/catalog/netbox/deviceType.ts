// The fields of a NetBox device type that Rackhive uses, read once with the
// file's own paths: identity, height, depth flag, weight (converted to kg with
// the file's unit kept for messages), airflow as written, role, power ports
// and outlets, bays, interfaces. Unknown stays null.
import { readBays, type Bay } from './bays';
import type { FieldReader, YamlMap } from './fields';

/** The top-level keys read here; a YAML error anywhere else does not stop the import. */
export const USED_KEYS: ReadonlySet<string> = new Set([
  'manufacturer',
  'model',
  'slug',
  'part_number',
  'u_height',
  'is_full_depth',
  'weight',
  'weight_unit',
  'airflow',
  'comments',
  'description',
  'subdevice_role',
  'is_powered',
  'power-ports',
  'power-outlets',
  'module-bays',
  'device-bays',
  'interfaces',
]);

const KG_PER: Record<string, number> = { kg: 1, g: 0.001, lb: 0.45359237, oz: 0.028349523125 };

export interface PowerPort {
  name: string;
  type: string | null;
  maximumDrawW: number | null;
  allocatedDrawW: number | null;
  path: string;
}

export interface DeviceType {
  manufacturer: string;
  model: string;
  partNumber: string | null;
  slug: string | null;
  comments: string | null;
  description: string | null;
  /** As written; NetBox allows halves (0.5) and 0 for children and vertical PDUs. */
  uHeight: number | null;
  isFullDepth: boolean | null;
  weightKg: number | null;
  /** "97 lb": the weight in the file's own unit, for messages. */
  weightText: string | null;
  airflow: string | null;
  subdeviceRole: string | null;
  isPowered: boolean | null;
  powerPorts: PowerPort[];
  powerOutlets: { name: string; type: string | null; path: string }[];
  moduleBays: Bay[];
  deviceBays: Bay[];
  interfaces: { name: string; type: string | null; mgmtOnly: boolean }[];
}

function draw(r: FieldReader, item: YamlMap, key: string, path: string): number | null {
  const n = r.number(item, key, `${path}.${key}`, 'a number of watts');
  if (n === null) return null;
  if (n < 0) {
    r.error(`${path}.${key}`, `must not be negative (got ${n} W)`);
    return null;
  }
  return n === 0 ? null : n;
}

export function readDeviceType(doc: YamlMap, r: FieldReader): DeviceType | null {
  const manufacturer = r.text(doc, 'manufacturer', 'manufacturer', true);
  const model = r.text(doc, 'model', 'model', true);

  let uHeight = r.number(doc, 'u_height', 'u_height', 'a number of rack units');
  if (uHeight !== null && uHeight < 0) {
    r.error('u_height', `must not be negative (got ${uHeight} U)`, doc.u_height);
    uHeight = null;
  }

  let weightKg: number | null = null;
  let weightText: string | null = null;
  const weight = r.number(doc, 'weight', 'weight', 'a number');
  if (weight !== null) {
    const unit = r.text(doc, 'weight_unit');
    if (weight < 0) r.error('weight', `must not be negative (got ${weight})`, doc.weight);
    else if (weight === 0) r.warn('weight', 'is 0: read as not known');
    else if (unit === null) r.error('weight_unit', `is required when weight is given: kg, g, lb or oz (NetBox refuses a weight of ${weight} without a unit)`);
    else {
      const factor = KG_PER[unit.toLowerCase()];
      if (factor === undefined) r.error('weight_unit', `must be kg, g, lb or oz (got "${unit}")`, doc.weight_unit);
      else {
        weightKg = Math.round(weight * factor * 1000) / 1000;
        weightText = `${weight} ${unit.toLowerCase()}`;
      }
    }
  }

  const powerPorts = r.list(doc, 'power-ports').map(({ item, path }, i) => ({
    name: r.text(item, 'name', `${path}.name`) ?? `power port ${i + 1}`,
    type: r.text(item, 'type', `${path}.type`),
    maximumDrawW: draw(r, item, 'maximum_draw', path),
    allocatedDrawW: draw(r, item, 'allocated_draw', path),
    path,
  }));
  const powerOutlets = r.list(doc, 'power-outlets').map(({ item, path }, i) => ({
    name: r.text(item, 'name', `${path}.name`) ?? `outlet ${i + 1}`,
    type: r.text(item, 'type', `${path}.type`),
    path,
  }));
  const interfaces = r.list(doc, 'interfaces').map(({ item, path }, i) => ({
    name: r.text(item, 'name', `${path}.name`) ?? `interface ${i + 1}`,
    type: r.text(item, 'type', `${path}.type`),
    mgmtOnly: r.bool(item, 'mgmt_only', `${path}.mgmt_only`) ?? false,
  }));

  const dt: DeviceType = {
    manufacturer: manufacturer ?? '',
    model: model ?? '',
    partNumber: r.text(doc, 'part_number'),
    slug: r.text(doc, 'slug'),
    comments: r.text(doc, 'comments'),
    description: r.text(doc, 'description'),
    uHeight,
    isFullDepth: r.bool(doc, 'is_full_depth'),
    weightKg,
    weightText,
    airflow: r.text(doc, 'airflow'),
    subdeviceRole: r.text(doc, 'subdevice_role')?.toLowerCase() ?? null,
    isPowered: r.bool(doc, 'is_powered'),
    powerPorts,
    powerOutlets,
    moduleBays: readBays(r, r.list(doc, 'module-bays'), 'module bay'),
    deviceBays: readBays(r, r.list(doc, 'device-bays'), 'device bay'),
    interfaces,
  };
  if (dt.subdeviceRole !== null && dt.subdeviceRole !== 'parent' && dt.subdeviceRole !== 'child')
    r.error('subdevice_role', `must be parent or child (got "${dt.subdeviceRole}")`, doc.subdevice_role);
  return manufacturer === null || model === null ? null : dt;
}

/** Web addresses in the file's comments (markdown links or bare), in order, once each. */
export function commentUrls(comments: string | null): string[] {
  if (!comments) return [];
  return [...new Set([...comments.matchAll(/https?:\/\/[^\s)<>\]'"]+/g)].map((m) => m[0].replace(/[.,;]+$/, '')))];
}
