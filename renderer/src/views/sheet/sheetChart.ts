// The build sheet's chart code, loaded on demand: chart.js is a third of the
// sheet page's script, and a sheet without a comparison to draw never needs it.
import type ChartCanvasComponent from '../compare/ChartCanvas.svelte';
import type { palette, scatterConfig } from '../compare/charts';

export interface SheetChartLib {
  ChartCanvas: typeof ChartCanvasComponent;
  palette: typeof palette;
  scatterConfig: typeof scatterConfig;
}

export async function loadSheetChart(): Promise<SheetChartLib> {
  const [canvas, charts] = await Promise.all([import('../compare/ChartCanvas.svelte'), import('../compare/charts')]);
  return { ChartCanvas: canvas.default, palette: charts.palette, scatterConfig: charts.scatterConfig };
}
