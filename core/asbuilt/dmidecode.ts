// `dmidecode -t baseboard -t system -t processor`: what the board, the system
// and each populated socket call themselves. The names are what the vendor
// burned into SMBIOS (a BMC may say X10DRG-O+-CPU for an X10DRG-OT+-CPU), so
// identification treats them as evidence beside the topology, not proof.
import { AsBuiltParseError, failEmpty, firstContentLine, numberedLines } from './parseError';

const EXPECTED = 'dmidecode' as const;

export interface DmiIdentity {
  manufacturer: string | null;
  product: string | null;
  version: string | null;
  serial: string | null;
}

export interface DmiProcessor {
  socket: string;
  version: string | null;
  populated: boolean;
}

export interface Dmidecode {
  board: DmiIdentity | null;
  system: DmiIdentity | null;
  processors: DmiProcessor[];
}

const UNSET = /^(To Be Filled By O\.E\.M\.|Not Specified|Default string|None|0123456789|N\/A)$/i;

function value(v: string | undefined): string | null {
  const t = v?.trim();
  return t && !UNSET.test(t) ? t : null;
}

export function parseDmidecode(text: string): Dmidecode {
  const lines = numberedLines(text);
  const first = firstContentLine(lines);
  if (!first) failEmpty(EXPECTED);
  const sections: { title: string; fields: Record<string, string> }[] = [];
  let cur: { title: string; fields: Record<string, string> } | null = null;
  let sawHandle = false;
  for (const l of lines) {
    const t = l.text;
    if (t.trim() === '') continue;
    if (/^Handle 0x[0-9A-F]+, DMI type \d+/i.test(t)) {
      sawHandle = true;
      cur = null;
      continue;
    }
    if (/^(#|Getting SMBIOS|SMBIOS \d|Table at|\d+ structures)/.test(t) || /^\s*\$/.test(t)) continue;
    if (!/^\s/.test(t)) {
      if (!sawHandle) throw new AsBuiltParseError(EXPECTED, l.n, t, 'sections start with "Handle 0x…, DMI type …"');
      cur = { title: t.trim(), fields: {} };
      sections.push(cur);
      continue;
    }
    const m = /^\s+([^:]+):\s*(.*)$/.exec(t);
    if (cur && m) cur.fields[m[1]!.trim()] = m[2]!;
  }
  if (sections.length === 0)
    throw new AsBuiltParseError(
      EXPECTED,
      first.n,
      first.text,
      'no "Base Board Information", "System Information" or "Processor Information" section was found',
    );
  const ident = (title: RegExp): DmiIdentity | null => {
    const s = sections.find((x) => title.test(x.title));
    if (!s) return null;
    return {
      manufacturer: value(s.fields['Manufacturer']),
      product: value(s.fields['Product Name']),
      version: value(s.fields['Version']),
      serial: value(s.fields['Serial Number']),
    };
  };
  const processors = sections
    .filter((s) => /^Processor Information/.test(s.title))
    .map((s) => ({
      socket: s.fields['Socket Designation']?.trim() ?? '?',
      version: value(s.fields['Version']),
      populated: !/Unpopulated/i.test(s.fields['Status'] ?? ''),
    }));
  return { board: ident(/^Base Board Information/), system: ident(/^System Information/), processors };
}
