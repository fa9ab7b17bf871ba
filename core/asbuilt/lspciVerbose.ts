// `lspci -vvv`: per device, what the link can do (LnkCap) and what it trained
// at (LnkSta). A card in an x16 slot that reports "Width x8 (downgraded)" is
// the riser, the contacts or a bifurcation setting, not the plan.
import { AsBuiltParseError, failEmpty, firstContentLine, numberedLines } from './parseError';
import { normalizeBusId } from './lspciTree';
import { genOfSpeed } from './pcieSpeed';

const EXPECTED = 'lspci -vvv' as const;

export interface PcieLink {
  gen: number | null;
  width: number | null;
}

export interface LspciDevice {
  address: string;
  /** "3D controller", "VGA compatible controller", "PCI bridge", "Infiniband controller". */
  className: string;
  description: string;
  serial: string | null;
  lnkCap: PcieLink | null;
  lnkSta: PcieLink | null;
  line: number;
}

const HEADER = /^((?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-9a-f])\s+([^:]+):\s*(.*)$/i;

function link(text: string): PcieLink {
  const speed = /Speed\s+([\d.]+)\s*GT\/s/i.exec(text);
  const width = /Width\s+x(\d+)/i.exec(text);
  return { gen: speed ? genOfSpeed(Number(speed[1])) : null, width: width ? Number(width[1]) : null };
}

export function parseLspciVerbose(text: string): LspciDevice[] {
  const lines = numberedLines(text);
  const first = firstContentLine(lines);
  if (!first) failEmpty(EXPECTED);
  const devices: LspciDevice[] = [];
  let cur: LspciDevice | null = null;
  for (const l of lines) {
    const t = l.text;
    if (t.trim() === '') continue;
    const h = HEADER.exec(t);
    if (h && !/^\s/.test(t)) {
      cur = { address: normalizeBusId(h[1]!), className: h[2]!.trim(), description: h[3]!.trim(), serial: null, lnkCap: null, lnkSta: null, line: l.n };
      devices.push(cur);
      continue;
    }
    if (!cur) {
      if (/^\s*[$#]|lspci/.test(t)) continue;
      throw new AsBuiltParseError(EXPECTED, l.n, t, 'a device line like "05:00.0 3D controller: NVIDIA Corporation …" should come first');
    }
    if (!/^\s/.test(t)) throw new AsBuiltParseError(EXPECTED, l.n, t, 'inside a device, lines are indented; this one is not a device header either');
    const s = t.trim();
    if (s.startsWith('LnkCap:')) cur.lnkCap = link(s);
    else if (s.startsWith('LnkSta:')) cur.lnkSta = link(s);
    else {
      const sn = /Device Serial Number\s+(\S+)|\[SN\] Serial number:\s*(\S+)/.exec(s);
      if (sn) cur.serial = sn[1] ?? sn[2] ?? null;
    }
  }
  if (devices.length === 0) throw new AsBuiltParseError(EXPECTED, first.n, first.text, 'no device line like "05:00.0 3D controller: …" was found');
  return devices;
}

/** GPUs and accelerators: display and processing-accelerator classes. */
export function isGpuClass(className: string, description: string): boolean {
  return /VGA compatible|3D controller|Display controller|Processing accelerators/i.test(className) && !/ASPEED|Matrox|G200/i.test(description);
}

export function isNicClass(className: string): boolean {
  return /Ethernet controller|Infiniband controller|Network controller/i.test(className);
}
