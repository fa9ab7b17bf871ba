// What a device type's bays are: NetBox has no "PSU bay" or "GPU position",
// so the importer reads the bay's name, label, position and description the
// way a person would. PSUs sit in power-ports or in module-bays (HPE, Dell and
// most Supermicro GPU servers use module-bays); GPU positions are bays that
// say GPU (not a GPU fan); PCIe slots are summarised by width, generation and
// height. Nothing here invents a number: a bay that says nothing counts as
// nothing.
import type { PcieSlotGroup } from '../chassis';
import type { FieldReader, ListItem } from './fields';

export interface Bay {
  name: string;
  /** Name, label, position and description joined: what the classifiers read. */
  words: string;
  description: string | null;
  path: string;
}

export function readBays(r: FieldReader, items: ListItem[], kind: string): Bay[] {
  return items.map(({ item, path }, i) => {
    const name = r.text(item, 'name', `${path}.name`) ?? `${kind} ${i + 1}`;
    const label = r.text(item, 'label', `${path}.label`);
    const position = r.text(item, 'position', `${path}.position`);
    const description = r.text(item, 'description', `${path}.description`);
    return { name, words: [name, label, position, description].filter(Boolean).join(' | '), description, path };
  });
}

const FAN = /\bfans?\b/i;
const PSU = /\b(psu|pws|power[\s-]?suppl(y|ies)|power[\s-]?module)s?[\s-]?\d*\b|^ps[\s-]?\d+\b/i;
const GPU = /\b(gpus?|accelerators?|oam|sxm\d?)\b/i;
const DRIVE = /\b(nvme|drives?|disks?|hdd|ssd|sata|sas|u\.2|m\.2|sff|lff|storage|boss)\b/i;
const NETWORK_MODULE = /\b(aiom|ocp|ndc|flexlom|lom|siom|mezz(anine)?)\b/i;
const PCIE = /pci[\s-]?e|\bpci\b/i;
const NODE = /\b(sleds?|nodes?|blades?)\b/i;

export function isPsuBay(b: Bay): boolean {
  return PSU.test(b.words) && !FAN.test(b.words);
}

export function isGpuBay(b: Bay): boolean {
  return GPU.test(b.words) && !FAN.test(b.words) && !isPsuBay(b) && !/\bcables?\b|\bpower\b/i.test(b.name);
}

export function isDriveBay(b: Bay): boolean {
  return DRIVE.test(b.words) && !GPU.test(b.words);
}

export function isNodeBay(b: Bay): boolean {
  return NODE.test(b.words) && !isDriveBay(b) && !/\bnuma\b/i.test(b.words);
}

export function isPcieSlot(b: Bay): boolean {
  return PCIE.test(b.words) && !isPsuBay(b) && !isDriveBay(b) && !NETWORK_MODULE.test(b.words);
}

function slotFacts(b: Bay): Omit<PcieSlotGroup, 'count'> {
  const w = /\bx\s?(1|2|4|8|16|24|32)\b/i.exec(b.words);
  // "PCIe 5.0", "PCIe-Gen4", "PCI-E 3.0"; a bare "PCI-E 1" is a slot number, not a generation.
  const g = /pci[\s-]?e[\s-]*(?:gen[\s-]*(\d)|(\d)\.\d)/i.exec(b.words);
  const height = /full[\s-]?height|\bFH(FL|HL)?\b/i.test(b.words) ? 'full-height' : /low[\s-]?profile|\bLP\b/i.test(b.words) ? 'low-profile' : null;
  return { width: w ? Number(w[1]) : null, gen: g ? Number(g[1] ?? g[2]) : null, height };
}

/** PCIe slots grouped by what the file says about them, widest first. */
export function pcieSlotSummary(bays: Bay[]): PcieSlotGroup[] {
  const groups = new Map<string, PcieSlotGroup>();
  for (const b of bays.filter(isPcieSlot)) {
    const f = slotFacts(b);
    const key = JSON.stringify(f);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { count: 1, ...f });
  }
  return [...groups.values()].sort((a, b) => (b.width ?? 0) - (a.width ?? 0) || (b.gen ?? 0) - (a.gen ?? 0) || b.count - a.count);
}

/** Watts from a PSU bay description such as "2200W 80-PLUS Platinum Power Supply". */
export function psuWattsInDescription(b: Bay): number | null {
  const m = b.description ? /\b(\d{3,5})\s?W\b/.exec(b.description) : null;
  return m ? Number(m[1]) : null;
}
