// The Compare view's state: the workload, the two toggles (cost: total / still
// to buy / already spent; speed: per stream / aggregate), the sort of the
// table, and what follows from them. Numbers come from core/compare, so the
// chart, the table and the CSV cannot disagree.
import type { ApiClient } from '../../lib/api/client';
import { errorMessage } from '../../lib/api/client';
import type { CompareResult } from '#core/api/compare';
import { chartData, rowMetrics, sortRows, type SortKey } from '#core/compare/chart';
import { compareCsv } from '#core/compare/csv';
import { SEED_WORKLOAD, type CompareWorkload, type CostMode, type SpeedMode } from '#core/compare/types';

export class CompareController {
  result = $state<CompareResult | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  workload = $state<CompareWorkload>({ ...SEED_WORKLOAD });
  costMode = $state<CostMode>('total');
  speedMode = $state<SpeedMode>('perStream');
  sortKey = $state<SortKey>('costPerTps');
  sortDir = $state<'asc' | 'desc'>('asc');

  chart = $derived(this.result ? chartData(this.result.rows, this.costMode, this.speedMode) : null);
  table = $derived(
    this.result
      ? sortRows(
          this.result.rows.map((row) => ({ row, metrics: rowMetrics(row, this.costMode, this.speedMode, this.result!.pricePerKwhMinor) })),
          this.sortKey,
          this.sortDir,
        )
      : [],
  );

  private readonly api: ApiClient;
  private seq = 0;

  constructor(api: ApiClient) {
    this.api = api;
  }

  async load(): Promise<void> {
    const mine = ++this.seq;
    this.loading = true;
    try {
      const result = await this.api.call('compare:run', { workload: { ...this.workload } });
      if (mine !== this.seq) return;
      this.result = result;
      this.error = null;
    } catch (err) {
      if (mine === this.seq) this.error = errorMessage(err);
    } finally {
      if (mine === this.seq) this.loading = false;
    }
  }

  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.sortDir = this.sortDir === 'asc' ? 'desc' : 'asc';
    else {
      this.sortKey = key;
      // Bigger is better for speed and efficiency; smaller for money.
      this.sortDir = key === 'tps' || key === 'tpsPerW' ? 'desc' : 'asc';
    }
  }

  csv(): string {
    const r = this.result;
    if (!r) return '';
    return compareCsv({
      rows: this.table.map((t) => t.row),
      costMode: this.costMode,
      speedMode: this.speedMode,
      currency: r.currency,
      pricePerKwhMinor: r.pricePerKwhMinor,
    });
  }
}
