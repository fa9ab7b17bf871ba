// The Compare table as CSV (RFC 4180, CRLF). Build names come from people and
// imported files, so every cell that a spreadsheet would read as a formula
// (starting with = + - @, a tab or a carriage return) is prefixed with an
// apostrophe; numbers are written plain so the sheet can still add them.
import { formatAmountPlain, minorDigits } from '../money';
import { figureState } from './cost';
import { rowMetrics } from './chart';
import { COST_MODE_LABEL, SPEED_MODE_LABEL, type CompareRow, type CostMode, type SpeedMode } from './types';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-looking text defused, then quoted when it holds a quote, comma or line break. */
export function csvCell(value: string | number | null): string {
  if (value === null) return 'unknown';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'unknown';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return cells.map(csvCell).join(',');
}

const round = (x: number | null, digits: number): number | null => (x === null ? null : Number(x.toFixed(digits)));

export function compareCsv(input: {
  rows: readonly CompareRow[];
  costMode: CostMode;
  speedMode: SpeedMode;
  currency: string;
  pricePerKwhMinor: number | null;
}): string {
  const { rows, costMode, speedMode, currency } = input;
  const d = minorDigits(currency);
  const major = (minor: number | null): string | null => (minor === null ? null : formatAmountPlain(Math.round(minor), currency));
  const majorFine = (minor: number | null): number | null => (minor === null ? null : round(minor / 10 ** d, 4));
  const header = [
    'Build',
    `${COST_MODE_LABEL[costMode]} cost (${currency})`,
    'Cost is a lower bound',
    'Parts without a price',
    `Decode tokens/s (${SPEED_MODE_LABEL[speedMode].toLowerCase()})`,
    'Band low tokens/s',
    'Band high tokens/s',
    `${currency} per token/s`,
    'Tokens/s per W (aggregate, wall)',
    `Electricity per million tokens (${currency})`,
    'Power at load (W, wall)',
    'PSU capacity (W)',
    'Circuit capacity (W)',
    'Runs the workload',
  ];
  const lines = [csvLine(header)];
  for (const row of rows) {
    const m = rowMetrics(row, costMode, speedMode, input.pricePerKwhMinor);
    const state = figureState(m.cost);
    const band = row.estimate && m.tps !== null ? (speedMode === 'perStream' ? row.estimate.decodeBand : row.estimate.aggregateBand) : null;
    const runs = m.tps !== null ? 'yes' : `no: ${row.problem ?? row.estimate?.reason ?? 'no estimate'}`;
    lines.push(
      csvLine([
        row.name,
        state === 'unknown' ? null : major(m.cost.knownMinor),
        state === 'partial' ? 'yes' : state === 'unknown' ? null : 'no',
        m.cost.unpricedLines,
        round(m.tps, 2),
        round(band?.low ?? null, 2),
        round(band?.high ?? null, 2),
        m.costPerTps ? majorFine(m.costPerTps.minor) : null,
        round(m.tpsPerW, 4),
        majorFine(m.electricityPerMTokensMinor),
        round(row.power.atLoadWallW, 0),
        round(row.power.psuUsableW, 0),
        round(row.power.circuitW, 0),
        runs,
      ]),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
