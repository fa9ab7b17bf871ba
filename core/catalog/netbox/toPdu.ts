// A NetBox device with power outlets → PDU specs: outlets counted by type,
// the input plug from its power port, the height. Volts, amps and the rated
// load are not NetBox fields, so they stay unknown (the comments often say
// them; a person reads those).
import type { PduSpecs } from '../specs/pdu';
import type { DeviceType } from './deviceType';
import type { FieldReader } from './fields';

/** NetBox plug and socket slugs as people write them: "nema-5-15r" → "NEMA 5-15R", "iec-60320-c13" → "IEC 60320 C13". */
export function plugName(slug: string): string {
  const s = slug.trim().toLowerCase();
  const nema = /^nema-(.+)$/.exec(s);
  if (nema) return `NEMA ${nema[1]!.toUpperCase()}`;
  const iec = /^iec-(60320|60309)-(.+)$/.exec(s);
  if (iec) return `IEC ${iec[1]} ${iec[2]!.toUpperCase()}`;
  const cee = /^cee-(\d+)-(\d+)$/.exec(s);
  if (cee) return `CEE ${cee[1]}/${cee[2]}`;
  return slug;
}

export function pduSpecs(dt: DeviceType, r: FieldReader): { specs: PduSpecs; notes: string[] } {
  const notes: string[] = [];
  const byType = new Map<string, number>();
  for (const o of dt.powerOutlets) {
    const kind = o.type ? plugName(o.type) : 'type not given';
    byType.set(kind, (byType.get(kind) ?? 0) + 1);
  }
  const input = dt.powerPorts[0];
  if (!input) r.info('power-ports', 'no power port: input plug unknown');
  else if (!input.type) r.info(`${input.path}.type`, 'not given: input plug unknown');
  if (dt.powerPorts.length > 1) {
    r.warn('power-ports', `${dt.powerPorts.length} inputs; a Rackhive PDU has one input plug, so power-ports.0 is used and the others are kept in the notes`);
    notes.push(`Inputs: ${dt.powerPorts.map((p) => `${p.name}${p.type ? ` (${plugName(p.type)})` : ''}`).join('; ')}.`);
  }
  let heightU: number | null = null;
  if (dt.uHeight !== null) {
    if (Number.isInteger(dt.uHeight)) heightU = dt.uHeight;
    else r.warn('u_height', `is ${dt.uHeight} U: not a whole number of rack units, height kept in the notes`);
    if (dt.uHeight === 0) notes.push('0 U: mounts vertically, beside the rack units.');
  }
  if (dt.airflow !== null) notes.push(`NetBox airflow: ${dt.airflow}.`);
  r.info('', 'input volts, amps and rated load are not NetBox fields: unknown until you set them');
  return {
    specs: {
      kind: null,
      inputPlug: input?.type ? plugName(input.type) : null,
      inputVolts: null,
      inputAmps: null,
      maxLoadW: null,
      outlets: [...byType].map(([kind, count]) => ({ kind, count })),
      heightU,
    },
    notes,
  };
}
