// Text forms of spec values for the CLI and exports: the unit comes from the
// field name (memBandwidthGBps → "GB/s"); null prints as "unknown", never 0.
const UNIT_SUFFIXES: [RegExp, string][] = [
  [/GBps$/, 'GB/s'],
  [/MBps$/, 'MB/s'],
  [/Gbps$/, 'Gb/s'],
  [/GTps$/, 'GT/s'],
  [/MTps$/, 'MT/s'],
  [/Tflops$/, 'TFLOPS'],
  [/Tops$/, 'TOPS'],
  [/GHz$/, 'GHz'],
  [/GB$/, 'GB'],
  [/MB$/, 'MB'],
  [/Mm$/, 'mm'],
  [/Kg$/, 'kg'],
  [/Ns$/, 'ns'],
  [/W$/, 'W'],
  [/U$/, 'U'],
  [/Volts$/, 'V'],
  [/Amps(LowLine|HighLine)?$/, 'A'],
  [/LengthM$|^lengthM$/, 'm'],
];

export function unitOf(field: string): string | null {
  for (const [re, unit] of UNIT_SUFFIXES) if (re.test(field)) return unit;
  return null;
}

export const UNKNOWN = 'unknown';

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** One value with its unit: 936 → "936 GB/s"; null → "unknown"; lists and objects compactly. */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined) return UNKNOWN;
  if (typeof value === 'number') {
    const unit = unitOf(field);
    return unit ? `${num(value)} ${unit}` : num(value);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value
      .map((v) =>
        typeof v === 'object' && v !== null && 'count' in v && ('kind' in v || 'lanes' in v)
          ? `${(v as { count: number }).count}x ${'kind' in v ? String((v as { kind: unknown }).kind) : `x${String((v as { lanes: unknown }).lanes)}`}`
          : formatValue(field, v),
      )
      .join(', ');
  }
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : formatValue(k, v)}`)
    .join(', ');
}
