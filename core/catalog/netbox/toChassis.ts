// A NetBox rack device → chassis specs. PSU bays come from power-ports and from
// PSU-like module-bays (the bays win when they disagree, and that is said);
// each PSU's rating is a hint only, never summed into a draw (PSUs may be
// redundant); GPU positions are bays that say GPU; a multi-node parent's bays
// for nodes are node bays. What the file does not say stays null.
import type { ChassisSpec } from '../chassis';
import { isDriveBay, isGpuBay, isNodeBay, isPcieSlot, isPsuBay, pcieSlotSummary, psuWattsInDescription } from './bays';
import type { DeviceType } from './deviceType';
import type { FieldReader } from './fields';

const AIRFLOW: Record<string, ChassisSpec['airflow']> = {
  'front-to-rear': 'front-to-rear',
  'rear-to-front': 'rear-to-front',
  'left-to-right': 'side-to-side',
  'right-to-left': 'side-to-side',
  'side-to-rear': 'side-to-side',
  'rear-to-side': 'side-to-side',
  passive: 'passive',
};

const MAX_PSU_BAYS = 16;
const MAX_BAYS = 64;
const MAX_WEIGHT_KG = 500;

function n(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** "Drive 01" … "Drive 18" → "Drive ×18": long bay lists stay readable. */
function countedNames(names: string[]): string {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const base = name.replace(/[\s_-]*\d+$/, '') || name;
    groups.set(base, [...(groups.get(base) ?? []), name]);
  }
  return [...groups].map(([base, all]) => (all.length > 1 ? `${base} ×${all.length}` : all[0]!)).join(', ');
}

export interface ChassisDraft {
  specs: Omit<ChassisSpec, 'provenance'>;
  notes: string[];
}

export function chassisSpecs(dt: DeviceType, r: FieldReader): ChassisDraft {
  const notes: string[] = [];

  let heightU: number | null = null;
  if (dt.uHeight === null) r.info('u_height', 'not given: height unknown (NetBox itself would assume 1 U)');
  else if (!Number.isInteger(dt.uHeight))
    r.error('u_height', `is ${dt.uHeight} U: a chassis must be a whole number of rack units (half-U devices are not chassis)`);
  else if (dt.uHeight > 60) r.error('u_height', `is ${dt.uHeight} U: more than the 60 U a chassis may be`);
  else heightU = dt.uHeight;

  let weightKg = dt.weightKg;
  if (weightKg !== null && weightKg > MAX_WEIGHT_KG) {
    r.error('weight', `${dt.weightText} (${n(weightKg)} kg) is more than a chassis can weigh (${MAX_WEIGHT_KG} kg at most)`);
    weightKg = null;
  }

  if (dt.isFullDepth !== null) notes.push(`Full depth: ${dt.isFullDepth ? 'yes' : 'no'} (NetBox gives no depth in mm).`);
  if (dt.airflow !== null) {
    notes.push(`NetBox airflow: ${dt.airflow}.`);
    if (!(dt.airflow in AIRFLOW)) r.info('airflow', `"${dt.airflow}" has no Rackhive equivalent: airflow unknown (kept in the notes)`);
  }

  // PSUs: power-ports are cords; PSU module-bays are the slots. Either may be missing.
  const psuBayList = dt.moduleBays.filter(isPsuBay);
  const ports = dt.powerPorts.length;
  let psuBays: number | null = psuBayList.length || ports || null;
  if (psuBayList.length && ports && psuBayList.length !== ports)
    r.warn(
      'module-bays',
      `${psuBayList.length} PSU bays in module-bays but ${ports} power-ports: using the ${psuBayList.length} bays (a power port is one cord inlet; the file may list only the cords of a fitted set)`,
    );
  if (psuBays === null) r.info('power-ports', 'no power-ports and no PSU module-bays: PSU bays unknown, so builds are told the PSU count is not checked');
  else if (psuBays > MAX_PSU_BAYS) {
    r.error(psuBayList.length ? 'module-bays' : 'power-ports', `${psuBays} PSUs: more than the ${MAX_PSU_BAYS} PSU bays a chassis may have`);
    psuBays = null;
  }
  const drawsW = [...new Set(dt.powerPorts.map((p) => p.maximumDrawW ?? p.allocatedDrawW).filter((w): w is number => w !== null))];
  const bayWatts = [...new Set(psuBayList.map(psuWattsInDescription).filter((w): w is number => w !== null))];
  const hint =
    drawsW.length > 0
      ? `PSU rating hint: ${drawsW.map((w) => `${n(w)} W`).join(' / ')} per PSU (maximum_draw of each power port)`
      : bayWatts.length > 0
        ? `PSU rating hint: ${bayWatts.map((w) => `${n(w)} W`).join(' / ')} per PSU (from the PSU bay descriptions)`
        : null;
  if (hint) {
    notes.push(`${hint}; not added up, since PSUs are often redundant. Pick the PSU part to get the real output at your mains voltage.`);
    r.info(drawsW.length ? 'power-ports' : 'module-bays', `${hint}: kept as a note, not as the chassis draw`);
  }
  if (dt.powerPorts.length)
    notes.push(
      `Power ports: ${dt.powerPorts.map((p) => `${p.name}${p.type ? ` (${p.type})` : ''}${p.maximumDrawW !== null ? ` max ${n(p.maximumDrawW)} W` : ''}${p.allocatedDrawW !== null ? ` allocated ${n(p.allocatedDrawW)} W` : ''}`).join('; ')}.`,
    );

  const gpuBays = dt.moduleBays.filter(isGpuBay);
  let maxCards: number | null = gpuBays.length || null;
  if (maxCards !== null && maxCards > MAX_BAYS) {
    r.error('module-bays', `${maxCards} bays say GPU: more than the ${MAX_BAYS} GPU positions a chassis may have`);
    maxCards = null;
  } else if (maxCards === null) r.info('module-bays', 'no bay says GPU: GPU positions unknown, so builds are told the GPU count is not checked');
  else notes.push(`GPU positions from module-bays: ${countedNames(gpuBays.map((b) => b.name))}.`);

  const pcieSlots = pcieSlotSummary(dt.moduleBays);
  if (pcieSlots.length) notes.push(`PCIe slots listed: ${dt.moduleBays.filter(isPcieSlot).length}; the board's wiring decides which GPU sees which CPU.`);

  let nodeBays: number | null = null;
  const driveDeviceBays = dt.deviceBays.filter(isDriveBay);
  const nodeBayList = [...dt.deviceBays.filter((b) => !isDriveBay(b)), ...dt.moduleBays.filter(isNodeBay)];
  if (dt.subdeviceRole === 'parent') {
    nodeBays = nodeBayList.length || null;
    if (nodeBays !== null && nodeBays > MAX_BAYS) {
      r.error('device-bays', `${nodeBays} node bays: more than the ${MAX_BAYS} a chassis may have`);
      nodeBays = null;
    } else if (nodeBays === null) r.info('device-bays', 'subdevice_role: parent, but no bay is for a node (only drive bays): node bays unknown');
    else {
      notes.push(`Multi-node chassis: ${nodeBays} node bays (${countedNames(nodeBayList.map((b) => b.name))}); plan each node's board on its own.`);
      r.info('device-bays', `${nodeBays} node bays read from ${dt.deviceBays.length - driveDeviceBays.length ? 'device-bays' : 'module-bays named sled/node'}`);
    }
  } else if (nodeBayList.length && dt.deviceBays.some((b) => !isDriveBay(b))) {
    r.warn(
      'device-bays',
      `${dt.deviceBays.filter((b) => !isDriveBay(b)).length} device bays, but subdevice_role is not parent: NetBox puts no child devices in them; kept as a note`,
    );
    notes.push(`Device bays: ${dt.deviceBays.map((b) => b.name).join(', ')}.`);
  }
  if (driveDeviceBays.length) notes.push(`Drive bays (device-bays): ${driveDeviceBays.length}.`);

  const other = dt.moduleBays.filter((b) => !isPsuBay(b) && !isGpuBay(b) && !isPcieSlot(b) && !isNodeBay(b));
  if (other.length) notes.push(`Other module bays: ${countedNames(other.map((b) => b.name))}.`);

  return {
    specs: {
      formFactor: 'rackmount',
      heightU,
      depthMm: null,
      weightKg,
      boardFormFactors: [],
      compatibleBoards: [],
      integratedBoard: null,
      psuBays,
      psusFitted: [],
      psuRedundancy: null,
      gpu: { maxCards, maxCardLengthMm: null, maxCardWidthSlots: null, maxCardHeight: null },
      airflow: dt.airflow !== null ? (AIRFLOW[dt.airflow] ?? 'unknown') : 'unknown',
      gpuPowerConnectors: null,
      nodeBays,
      pcieSlots: pcieSlots.length ? pcieSlots : null,
      maxDrawW: null,
    },
    notes,
  };
}
