// chart.js charts of the comparison, shared by the Compare view and the build
// sheet: cost versus tokens/s (points labelled, error bands, the Pareto front),
// cost by category (stacked bars) and power against PSUs and circuits.
// The sheet passes `animation: false` so a PDF never catches a half-drawn chart.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type LegendItem,
  type Plugin,
  type TooltipItem,
} from 'chart.js';
import { fitLinearAxis, type ChartPoint } from '#core/compare/chart';
import { figureState } from '#core/compare/cost';
import type { CompareRow } from '#core/compare/types';
import { minorDigits } from '#core/money';
import { moneyText } from '../../lib/format';

Chart.register(
  ScatterController,
  LineController,
  BarController,
  PointElement,
  LineElement,
  BarElement,
  LinearScale,
  LogarithmicScale,
  CategoryScale,
  Tooltip,
  Legend,
);

export interface Palette {
  text: string;
  muted: string;
  grid: string;
  accent: string;
  front: string;
  surface: string;
  warning: string;
  error: string;
  ok: string;
}

/** The theme's colours, read from the CSS variables (light or dark). */
export function palette(el: Element = document.documentElement): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1a1e23'),
    muted: v('--text-muted', '#56606c'),
    grid: v('--border', '#d5dae1'),
    accent: v('--accent', '#1f5fcc'),
    front: v('--ok', '#1e7b34'),
    surface: v('--surface', '#ffffff'),
    warning: v('--warning', '#9a5b00'),
    error: v('--error', '#c4291c'),
    ok: v('--ok', '#1e7b34'),
  };
}

/** Log axes when the values span more than 20×, as a $1k box and a $250k rack do. */
function wantsLog(values: readonly number[]): boolean {
  const pos = values.filter((v) => v > 0);
  if (pos.length < 2) return false;
  return Math.max(...pos) / Math.min(...pos) > 20;
}

/** The next 1-2-2.5-5 step at or above a value, so an axis that ends on it ends on a labelled tick. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const mag = 10 ** Math.floor(Math.log10(v));
  const step = [1, 2, 2.5, 5, 10].find((d) => d * mag >= v * (1 - 1e-9))!;
  return step * mag;
}

/** "$3k", "$250k": axis labels in the currency without cents. */
export function compactMoney(major: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(major);
  } catch {
    return `${major} ${currency}`;
  }
}

/** On a log axis only 1-2-5 steps get a label, so labels never collide. */
function logTick(value: number): boolean {
  if (!(value > 0)) return false;
  const lead = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
  return [1, 2, 5].some((d) => Math.abs(lead - d) < 1e-6);
}

/** On a log axis, a grid line only where a tick is labelled (1-2-5), not at every minor step. */
function logGrid(color: string) {
  return (g: { tick?: { value: number } }) => (g.tick && logTick(g.tick.value) ? color : 'transparent');
}

const tpsText = (v: number) => `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} tok/s`;

export function truncate(text: string, max = 34): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface ScatterOptions {
  points: ChartPoint[];
  front: number[];
  currency: string;
  xTitle: string;
  yTitle: string;
  animation: boolean;
  /** Build to draw larger (the sheet's own build). */
  highlight?: number | null;
  onOpen?: (buildId: number) => void;
  colors: Palette;
  /** Axis scale: auto picks log when the values span more than a decade or two. */
  axes?: 'auto' | 'linear' | 'log';
  /** Lead each label with the point's 1-based number (Compare's key under the chart names them all). */
  numbered?: boolean;
}

interface ScatterDatum {
  /** Where the point is drawn: its value, or the axis edge for an outlier. */
  x: number;
  y: number;
  point: ChartPoint;
  /** Past the fitted range of the cost (x) or speed (y) axis: drawn at that edge with an arrow and its value. */
  edge: { x: boolean; y: boolean };
}

/** The value an outlier's label carries: where it would be, were the axis long enough ("≥ $256K", "412 tok/s"). */
function edgeValueText(p: ChartPoint, edge: ScatterDatum['edge'], currency: string): string {
  // A lower-bound cost already carries "≥" before the build's name.
  const cost = edge.x ? `${compactMoney(p.x / 10 ** minorDigits(currency), currency)}` : null;
  return [cost, edge.y ? tpsText(p.y) : null].filter(Boolean).join(', ');
}

/** Error bars, the "≥" arrow of lower-bound costs and the labels, drawn over the points. */
const annotations: Plugin<'scatter'> = {
  id: 'rackhiveAnnotations',
  afterDatasetsDraw(chart) {
    const opts = (
      chart.options.plugins as unknown as { rackhiveAnnotations?: { colors: Palette; highlight: number | null; currency: string; numbered: boolean } }
    ).rackhiveAnnotations;
    if (!opts) return;
    const { ctx, scales, chartArea } = chart;
    const meta = chart.getDatasetMeta(0);
    const data = chart.data.datasets[0]?.data as unknown as ScatterDatum[] | undefined;
    if (!data) return;
    ctx.save();
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    // Labels keep clear of the points and their "≥" arrows as well as of each other.
    const placed: { x: number; y: number; w: number }[] = data.flatMap((d, i) => {
      const el = meta.data[i];
      if (!el) return [];
      const { x, y } = el.getProps(['x', 'y'], true) as { x: number; y: number };
      return [{ x: x - 6, y, w: d.point.xPartial && !d.edge.x ? 34 : 12 }];
    });
    data.forEach((d, i) => {
      const el = meta.data[i];
      if (!el) return;
      const { x, y } = el.getProps(['x', 'y'], true) as { x: number; y: number };
      const band = d.edge.y ? null : d.point.band;
      if (d.edge.x || d.edge.y) {
        // An outlier: an arrow pointing off the chart, past the edge it sits on.
        ctx.strokeStyle = opts.colors.text;
        ctx.fillStyle = opts.colors.text;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        if (d.edge.x) {
          ctx.moveTo(x + 7, y - 5);
          ctx.lineTo(x + 14, y);
          ctx.lineTo(x + 7, y + 5);
        }
        if (d.edge.y) {
          ctx.moveTo(x - 5, y - 7);
          ctx.lineTo(x, y - 14);
          ctx.lineTo(x + 5, y - 7);
        }
        ctx.stroke();
      }
      if (band) {
        const yLow = scales.y!.getPixelForValue(Math.max(band.low, 1e-9));
        const yHigh = scales.y!.getPixelForValue(band.high);
        ctx.strokeStyle = opts.colors.accent;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(x, Math.min(yLow, chartArea.bottom));
        ctx.lineTo(x, Math.max(yHigh, chartArea.top));
        for (const yy of [yLow, yHigh]) {
          if (yy < chartArea.top || yy > chartArea.bottom) continue;
          ctx.moveTo(x - 5, yy);
          ctx.lineTo(x + 5, yy);
        }
        ctx.stroke();
      }
      if (d.point.xPartial && !d.edge.x) {
        // The cost is at least this: an arrow to the right.
        ctx.strokeStyle = opts.colors.warning;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([3, 2]);
        ctx.beginPath();
        ctx.moveTo(x + 7, y);
        ctx.lineTo(x + 26, y);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.beginPath();
        ctx.moveTo(x + 26, y);
        ctx.lineTo(x + 21, y - 4);
        ctx.moveTo(x + 26, y);
        ctx.lineTo(x + 21, y + 4);
        ctx.stroke();
      }
      const value = d.edge.x || d.edge.y ? ` (${edgeValueText(d.point, d.edge, opts.currency)})` : '';
      // Numbered charts (Compare) lead each label with the build's number in the key under the chart.
      const num = opts.numbered ? `${i + 1} ` : '';
      const full = `${num}${d.point.xPartial ? '≥ ' : ''}${truncate(d.point.name)}${value}`;
      // When the full label finds no free place, the number alone (with an outlier's value) stands for it;
      // an unnumbered chart (the sheet) shortens the name instead.
      const short = opts.numbered ? `${i + 1}${value}` : `${d.point.xPartial ? '≥ ' : ''}${truncate(d.point.name, 14)}${value}`;
      ctx.font = d.point.buildId === opts.highlight ? 'bold 11px system-ui, sans-serif' : '11px system-ui, sans-serif';
      const gap = d.point.xPartial && !d.edge.x ? 30 : 9;
      const base = y - 10 < chartArea.top + 4 || (d.edge.y && !d.edge.x) ? y + 14 : y - 10;
      // Every label is kept clear of the ones already drawn: right of its point, else left, a line up or down at a time.
      const clash = (lx: number, ly: number, w: number) => placed.some((p) => Math.abs(p.y - ly) < 12 && lx < p.x + p.w + 4 && p.x < lx + w + 4);
      const fits = (lx: number, ly: number, w: number) =>
        ly > chartArea.top + 4 && ly < chartArea.bottom - 4 && lx >= chartArea.left && lx + w <= chartArea.right + 2;
      const spot = (text: string, lines: number): { lx: number; ly: number; w: number } | null => {
        const w = ctx.measureText(text).width;
        const sides = d.edge.x ? [x - 9 - w] : [x + gap, x - 9 - w];
        for (let n = 0; n <= lines; n++)
          for (const dy of n === 0 ? [0] : [13 * n, -13 * n])
            for (const lx of sides) if (fits(lx, base + dy, w) && !clash(lx, base + dy, w)) return { lx, ly: base + dy, w };
        return null;
      };
      // Near its point the name; in a crowd the short label near the point beats the name far from it.
      const nearFull = spot(full, 2);
      const nearShort = nearFull ? null : spot(short, 10);
      const farFull = nearFull || nearShort ? null : spot(full, 10);
      const label = nearFull || farFull ? full : short;
      const shortW = ctx.measureText(short).width;
      const fallback = { lx: d.edge.x || x + gap + shortW > chartArea.right ? x - 9 - shortW : x + gap, ly: base, w: shortW };
      const { lx, ly, w } = nearFull ?? nearShort ?? farFull ?? fallback;
      if (Math.abs(ly - y) > 20) {
        // Far from its point: a thin leader line says whose label it is.
        ctx.strokeStyle = opts.colors.muted;
        ctx.lineWidth = 0.75;
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(lx < x ? lx + w : lx, ly);
        ctx.stroke();
      }
      placed.push({ x: lx, y: ly, w });
      // A halo in the plot's colour keeps the text legible over grid lines, bands and the front.
      ctx.strokeStyle = opts.colors.surface;
      ctx.lineWidth = 3;
      ctx.lineJoin = 'round';
      ctx.strokeText(label, lx, ly);
      ctx.fillStyle = opts.colors.text;
      ctx.fillText(label, lx, ly);
    });
    ctx.restore();
    // Pixel positions for keyboard-free tests and the page's own fallback list.
    chart.canvas.dataset.points = JSON.stringify(
      data.map((d, i) => {
        const p = meta.data[i]?.getProps(['x', 'y'], true) as { x: number; y: number } | undefined;
        const edge = d.edge.x && d.edge.y ? 'xy' : d.edge.x ? 'x' : d.edge.y ? 'y' : null;
        return { buildId: d.point.buildId, x: Math.round(p?.x ?? -1), y: Math.round(p?.y ?? -1), edge };
      }),
    );
  },
};

/**
 * How an axis is drawn. Log when asked, or (auto) when the builds within the
 * fitted range still span more than 20×; otherwise linear over the fitted
 * range, the outliers past it drawn at the edge.
 */
function axisPlan(values: readonly (readonly number[])[], axes: 'auto' | 'linear' | 'log') {
  const fit = fitLinearAxis(values);
  const inRange = values.filter((_, i) => !fit.outliers.includes(i)).flat();
  const log = axes === 'log' || (axes === 'auto' && wantsLog(inRange));
  return log ? { log, max: Math.max(0, ...values.flat()), outliers: new Set<number>() } : { log, max: fit.max, outliers: new Set(fit.outliers) };
}

export function scatterConfig(o: ScatterOptions): ChartConfiguration<'scatter'> {
  const xs = o.points.map((p) => p.x);
  const ys = o.points.flatMap((p) => [p.y, p.band?.low ?? p.y, p.band?.high ?? p.y]);
  const axes = o.axes ?? 'auto';
  const xPlan = axisPlan(
    o.points.map((p) => [p.x]),
    axes,
  );
  const yPlan = axisPlan(
    o.points.map((p) => [p.y, p.band?.low ?? p.y, p.band?.high ?? p.y]),
    axes,
  );
  const xLog = xPlan.log;
  const yLog = yPlan.log;
  // Linear axes end a little past the last build in range; outliers sit on that end.
  const xEnd = xPlan.outliers.size > 0 ? niceCeil(xPlan.max * 1.25) : null;
  const yEnd = yPlan.outliers.size > 0 ? niceCeil(yPlan.max * 1.15) : null;
  const data: ScatterDatum[] = o.points.map((p, i) => {
    const edge = { x: xPlan.outliers.has(i), y: yPlan.outliers.has(i) };
    return { x: edge.x ? xEnd! : p.x, y: edge.y ? yEnd! : p.y, point: p, edge };
  });
  const byId = new Map(data.map((d) => [d.point.buildId, d]));
  const frontData = o.front.map((id) => byId.get(id)!).map((d) => ({ x: d.x, y: d.y }));
  const yMax = yPlan.max;
  const xMax = xPlan.max;
  const c = o.colors;
  const money = (minor: number) => moneyText(Math.round(minor), o.currency);
  const unit = 10 ** minorDigits(o.currency);
  return {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: 'Builds',
          data: data as unknown as { x: number; y: number }[],
          pointRadius: data.map((d) => (d.point.buildId === o.highlight ? 7 : 5)),
          pointHoverRadius: 8,
          pointHitRadius: 10,
          pointBackgroundColor: data.map((d) => (d.point.xPartial ? c.surface : c.accent)),
          pointBorderColor: data.map((d) => (d.point.xPartial ? c.warning : c.accent)),
          pointBorderWidth: 2,
          // Outliers sit on the axis' end: draw them whole, not cut by the chart area.
          clip: false,
        },
        {
          type: 'line' as never,
          label: 'Pareto front',
          data: frontData,
          borderColor: c.front,
          borderDash: [6, 4],
          borderWidth: 1.5,
          pointRadius: 0,
          pointHitRadius: 0,
          fill: false,
          tension: 0,
        } as never,
      ],
    },
    options: {
      animation: o.animation ? { duration: 300 } : false,
      responsive: true,
      maintainAspectRatio: false,
      layout: { padding: { right: xEnd ? 24 : 12, top: 18 } },
      interaction: { mode: 'nearest', intersect: true },
      onClick: (_evt, elements) => {
        const hit = elements.find((e) => e.datasetIndex === 0);
        if (hit && o.onOpen) o.onOpen(data[hit.index]!.point.buildId);
      },
      onHover: (evt, elements) => {
        const target = evt.native?.target as HTMLElement | undefined;
        if (target) target.style.cursor = elements.some((e) => e.datasetIndex === 0) && o.onOpen ? 'pointer' : 'default';
      },
      scales: {
        x: {
          type: xLog ? 'logarithmic' : 'linear',
          // Room on the right for the "≥" arrow and the label of the dearest build.
          ...(xLog
            ? { min: Math.min(...xs.filter((v) => v > 0)) / 1.6, max: xMax * 3 }
            : xEnd
              ? { min: 0, max: xEnd }
              : { min: 0, max: niceCeil(xMax * 1.25) }),
          title: { display: true, text: o.xTitle, color: c.muted },
          ticks: {
            color: c.muted,
            callback: (v) => (xLog && !logTick(Number(v)) ? '' : compactMoney(Number(v) / unit, o.currency)),
            ...(xLog ? { autoSkip: false } : { maxTicksLimit: 8 }),
          },
          grid: { color: xLog ? logGrid(c.grid) : c.grid },
        },
        y: {
          type: yLog ? 'logarithmic' : 'linear',
          ...(yLog
            ? { min: Math.min(...ys.filter((v) => v > 0)) / 1.5, max: yMax * 1.6 }
            : yEnd
              ? { min: 0, max: yEnd }
              : { min: 0, max: niceCeil(yMax * 1.15) }),
          title: { display: true, text: o.yTitle, color: c.muted },
          ticks: {
            color: c.muted,
            ...(yLog ? { autoSkip: false, callback: (v) => (logTick(Number(v)) ? Number(v).toLocaleString('en-US') : '') } : { maxTicksLimit: 8 }),
          },
          grid: { color: yLog ? logGrid(c.grid) : c.grid },
        },
      },
      plugins: {
        legend: { display: true, position: 'bottom', labels: { color: c.text, boxWidth: 14, filter: (item: LegendItem) => item.datasetIndex === 1 } },
        tooltip: {
          filter: (item: TooltipItem<'scatter'>) => item.datasetIndex === 0,
          callbacks: {
            title: (items: TooltipItem<'scatter'>[]) => (items[0] ? data[items[0].dataIndex]!.point.name : ''),
            label: (item: TooltipItem<'scatter'>) => {
              const p = data[item.dataIndex]!.point;
              const lines = [
                `${o.xTitle}: ${p.xPartial ? '≥ ' : ''}${money(p.x)}${p.xPartial ? ' (some parts have no price)' : ''}`,
                `${o.yTitle}: ${tpsText(p.y)}${p.band ? ` (band ${tpsText(p.band.low)} – ${tpsText(p.band.high)})` : ''}`,
                p.x > 0 ? `${p.xPartial ? '≥ ' : ''}${money(p.x / p.y)} per tok/s` : 'per tok/s: unknown (nothing priced in this cost)',
              ];
              if (o.front.includes(p.buildId)) lines.push('on the Pareto front');
              return lines;
            },
          },
        },
        rackhiveAnnotations: { colors: c, highlight: o.highlight ?? null, currency: o.currency, numbered: o.numbered ?? false },
      } as never,
    },
    plugins: [annotations],
  };
}

/** Colours for cost categories (stable by category). */
const CATEGORY_COLORS: Record<string, string> = {
  rack: '#7a8490',
  pdu: '#9aa3ad',
  chassis: '#2f7fd1',
  board: '#3aa6b9',
  cpu: '#8a6fd1',
  memory: '#b5488f',
  gpu: '#2a9d6a',
  'pcie-switch': '#c7a12b',
  riser: '#c7a12b',
  nic: '#d9822b',
  psu: '#c4503c',
  storage: '#6b8e23',
  cable: '#a0522d',
  other: '#708090',
  'unknown part': '#555555',
};

export function categoryColor(category: string): string {
  return CATEGORY_COLORS[category] ?? '#708090';
}

/** The total printed at the end of each build's bar: "$3,120", "≥ $1,850", or "unknown (12 parts without a price)". */
export function barTotalText(row: CompareRow, currency: string): string {
  const t = row.cost.total;
  const st = figureState(t);
  if (st === 'unknown') return `unknown (${t.unpricedLines} part${t.unpricedLines === 1 ? '' : 's'} without a price)`;
  return `${st === 'partial' ? '≥ ' : ''}${moneyText(t.knownMinor, currency)}`;
}

/** Each bar's total at its end; a bar past the fitted axis ends at the edge with an arrow and its value. */
const barTotals: Plugin<'bar'> = {
  id: 'rackhiveBarTotals',
  afterDatasetsDraw(chart) {
    const opts = (chart.options.plugins as unknown as { rackhiveBarTotals?: { colors: Palette; totals: { text: string; major: number }[]; end: number } })
      .rackhiveBarTotals;
    if (!opts) return;
    const { ctx, scales, chartArea } = chart;
    ctx.save();
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    opts.totals.forEach((t, i) => {
      const y = scales.y!.getPixelForValue(i);
      const clipped = t.major > opts.end;
      const x = scales.x!.getPixelForValue(Math.min(t.major, opts.end));
      const w = ctx.measureText(t.text).width;
      if (clipped) {
        // The bar runs off the axis: an arrow at the edge and the value inside, on the panel's colour.
        ctx.fillStyle = opts.colors.surface;
        ctx.fillRect(x - w - 26, y - 8, w + 10, 16);
        ctx.fillStyle = opts.colors.text;
        ctx.textAlign = 'right';
        ctx.fillText(t.text, x - 20, y);
        ctx.strokeStyle = opts.colors.text;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(x + 2, y - 5);
        ctx.lineTo(x + 9, y);
        ctx.lineTo(x + 2, y + 5);
        ctx.stroke();
      } else {
        const right = x + 6 + w <= chartArea.right;
        ctx.fillStyle = t.major > 0 ? opts.colors.text : opts.colors.muted;
        ctx.textAlign = right ? 'left' : 'right';
        ctx.fillText(t.text, right ? x + 6 : chartArea.right, y);
      }
    });
    ctx.restore();
  },
};

/**
 * Stacked bars: the known cost of each category per build, the total (or
 * "unknown") at the bar's end. The axis is fitted to the builds in view, as on
 * the scatter: a build many times dearer than the rest ends at the edge.
 */
export function breakdownConfig(rows: readonly CompareRow[], currency: string, colors: Palette, animation: boolean): ChartConfiguration<'bar'> {
  const categories = [...new Set(rows.flatMap((r) => r.cost.byCategory.filter((c) => c.pricedLines > 0).map((c) => c.category)))];
  const unit = 10 ** minorDigits(currency);
  const labels = rows.map((r) => truncate(r.name, 30));
  const totals = rows.map((r) => ({ text: barTotalText(r, currency), major: figureState(r.cost.total) === 'unknown' ? 0 : r.cost.total.knownMinor / unit }));
  const fit = fitLinearAxis(totals.map((t) => t.major));
  // Room after the longest bar in range for its total's label.
  const end = fit.max > 0 && fit.outliers.length > 0 ? niceCeil(fit.max * 1.4) : 1;
  return {
    type: 'bar',
    data: {
      labels,
      datasets: categories.map((cat) => ({
        label: cat,
        data: rows.map((r) => {
          const c = r.cost.byCategory.find((x) => x.category === cat);
          return c ? c.knownMinor / unit : 0;
        }),
        backgroundColor: categoryColor(cat),
        stack: 'cost',
        barPercentage: 0.8,
        categoryPercentage: 0.85,
      })),
    },
    options: {
      animation: animation ? { duration: 300 } : false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: 'y',
      // Labels of totals past the longest bar need the space.
      layout: { padding: { right: 12 } },
      scales: {
        x: {
          stacked: true,
          min: 0,
          ...(fit.outliers.length > 0 ? { max: end } : { grace: '35%' }),
          title: { display: true, text: `Priced parts, ${currency}`, color: colors.muted },
          ticks: { color: colors.muted, maxRotation: 0, maxTicksLimit: 7, callback: (v) => compactMoney(Number(v), currency) },
          grid: { color: colors.grid },
        },
        y: { stacked: true, ticks: { color: colors.text, font: { size: 12 } }, grid: { display: false } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: colors.text, boxWidth: 12, padding: 12 } },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'bar'>[]) => rows[items[0]?.dataIndex ?? 0]?.name ?? '',
            label: (item: TooltipItem<'bar'>) => {
              const row = rows[item.dataIndex]!;
              const c = row.cost.byCategory.find((x) => x.category === item.dataset.label);
              if (!c) return '';
              const known = c.pricedLines > 0 ? moneyText(c.knownMinor, currency) : 'unknown';
              return `${c.category}: ${c.unpricedLines > 0 && c.pricedLines > 0 ? '≥ ' : ''}${known}${c.unpricedLines ? ` (${c.unpricedLines} without a price)` : ''}`;
            },
            footer: (items: TooltipItem<'bar'>[]) => {
              const row = rows[items[0]?.dataIndex ?? 0];
              return row ? `Total ${barTotalText(row, currency)}` : '';
            },
          },
        },
        rackhiveBarTotals: { colors, totals, end: fit.outliers.length > 0 ? end : Number.POSITIVE_INFINITY },
      } as never,
    },
    plugins: [barTotals],
  };
}

/** Power at load (wall) against the PSUs' usable output and the circuits' continuous limit, per build, in kW. */
export function powerConfig(rows: readonly CompareRow[], colors: Palette, animation: boolean): ChartConfiguration<'bar'> {
  const kw = (w: number | null) => (w === null ? null : w / 1000);
  const log = wantsLog(rows.flatMap((r) => [r.power.peakW, r.power.circuitW]));
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => truncate(r.name, 28)),
      datasets: [
        { label: 'At load (wall)', data: rows.map((r) => kw(r.power.atLoadWallW)) as number[], backgroundColor: colors.accent },
        { label: 'Peak (DC, every part at max)', data: rows.map((r) => kw(r.power.peakW)) as number[], backgroundColor: colors.warning },
        { label: 'PSUs usable', data: rows.map((r) => kw(r.power.psuUsableW)) as number[], backgroundColor: colors.ok },
        { label: 'Circuits (80 % continuous)', data: rows.map((r) => kw(r.power.circuitW)) as number[], backgroundColor: colors.muted },
      ],
    },
    options: {
      animation: animation ? { duration: 300 } : false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: 'y',
      scales: {
        x: {
          type: log ? 'logarithmic' : 'linear',
          title: { display: true, text: 'kW', color: colors.muted },
          ticks: {
            color: colors.muted,
            maxRotation: 0,
            ...(log ? { autoSkip: false, callback: (v) => (logTick(Number(v)) ? Number(v).toLocaleString('en-US') : '') } : {}),
          },
          grid: { color: log ? logGrid(colors.grid) : colors.grid },
        },
        y: { ticks: { color: colors.text }, grid: { display: false } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: colors.text, boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${item.dataset.label}: ${item.raw === null ? 'unknown' : `${Number(item.raw).toLocaleString('en-US', { maximumFractionDigits: 2 })} kW`}`,
          },
        },
      },
    },
  };
}
