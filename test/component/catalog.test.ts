// The catalog view in jsdom over the real handlers and a real SQLite file: unknown is "unknown" (with
// its reason) and never 0; range filters narrow (and reach the backend); sort by
// a derived column keeps unknowns last in both directions; hostile text in a
// user part stays text; state lives in the URL hash; clone → edit shows the
// backend's field errors next to the fields; delete shows the CONFLICT message.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import CatalogHarness from './catalogHarness.svelte';
import { catalogBackend, HOSTILE, samplePARTS } from './catalogParts';
import { applyLocal } from '../../renderer/src/views/catalog/catalog.svelte';
import { catalogHash, parseCatalogHash } from '../../renderer/src/views/catalog/urlState';
import { numericSpecFields } from '../../renderer/src/views/catalog/partEditor.svelte';
import { summarizeTopology } from '../../renderer/src/views/catalog/topology';
import { columnsFor } from '../../renderer/src/views/catalog/columns';
import { BOARD } from './catalogParts';
import type { RealBackend } from './realBackend';

afterEach(() => {
  window.history.replaceState(null, '', '#/');
});

async function renderAt(hash: string, given?: RealBackend) {
  const backend = given ?? (await catalogBackend());
  window.history.replaceState(null, '', hash);
  const result = render(CatalogHarness, { props: { api: backend.api } });
  await waitFor(() => expect(backend.callsTo('catalog:list').length).toBeGreaterThan(0));
  await screen.findAllByRole('button', { name: /RTX 3090|Tesla P40|My flashed card|TB-2S/ });
  await tick();
  return { ...result, backend };
}

function partOrder(): string[] {
  return [...document.querySelectorAll<HTMLElement>('tbody button.open')].map((b) => b.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

function rowOf(name: string): HTMLElement {
  const button = screen.getByRole('button', { name });
  const row = button.closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

function cellUnder(row: HTMLElement, column: string): HTMLElement {
  const headers = [...document.querySelectorAll<HTMLElement>('thead tr:first-child th')];
  const index = headers.findIndex((h) => h.dataset.col === column);
  const cell = row.children[index] as HTMLElement | undefined;
  if (index < 0 || !cell) throw new Error(`no column ${column}`);
  return cell;
}

describe('catalog view', () => {
  it('shows unknown specs as "unknown" with the reason from the notes, never as 0', async () => {
    await renderAt('#/catalog?cat=gpu');
    const row = rowOf('Acme Mystery X1');
    const bw = cellUnder(row, 'memBandwidthGBps');
    expect(bw.textContent?.trim()).toMatch(/^unknown/);
    const mark = bw.querySelector<HTMLElement>('[data-unknown]');
    expect(mark?.getAttribute('title')).toContain('Memory bandwidth is not published by Acme.');
    expect(cellUnder(row, 'tdpW').textContent?.trim()).toMatch(/^unknown/);
    // The derived column needs the bandwidth too, and says so.
    expect(cellUnder(row, 'gbpsPerDollar').querySelector('[data-unknown]')?.getAttribute('title')).toMatch(/bandwidth is unknown/);
    for (const cell of within(row).getAllByRole('cell')) expect(cell.textContent?.trim()).not.toMatch(/^0(\s|$)/);
    // Known values carry their unit and sit right-aligned.
    const rtx = rowOf('NVIDIA GeForce RTX 3090');
    expect(cellUnder(rtx, 'memBandwidthGBps').textContent?.trim()).toBe('936 GB/s');
    expect(cellUnder(rtx, 'memBandwidthGBps').classList.contains('num')).toBe(true);
    expect(cellUnder(rtx, 'pcieGen').textContent?.trim()).toBe('4.0 x16');
    expect(cellUnder(rtx, 'p2pOverPcie').textContent?.trim()).toBe('off (driver)');

    // And in the detail pane.
    await fireEvent.click(screen.getByRole('button', { name: 'Acme Mystery X1' }));
    const pane = await screen.findByTestId('part-detail');
    await within(pane).findByRole('heading', { name: 'Acme Mystery X1' });
    const dd = pane.querySelector('[data-spec="memBandwidthGBps"]');
    expect(dd?.textContent?.trim()).toMatch(/^unknown/);
    expect(pane.querySelector('[data-spec="vramGB"]')?.textContent?.trim()).toBe('32 GB');
  });

  it('narrows with a range filter, sends it to catalog:list, and keeps it in the hash', async () => {
    const { backend } = await renderAt('#/catalog?cat=gpu');
    expect(partOrder()).toContain('NVIDIA GeForce RTX 3060');
    const min = screen.getByLabelText('Memory (board total): at least (GB)');
    await fireEvent.input(min, { target: { value: '24' } });
    await waitFor(() => expect(partOrder()).not.toContain('NVIDIA GeForce RTX 3060'));
    expect(partOrder()).toEqual(expect.arrayContaining(['NVIDIA GeForce RTX 3090', 'NVIDIA Tesla P40', 'Acme Mystery X1']));
    // The rows narrow at once; catalog:list gets the range after a short pause.
    await waitFor(() => expect(backend.callsTo('catalog:list').at(-1)).toMatchObject({ category: 'gpu', ranges: [{ field: 'vramGB', min: 24 }] }));
    expect(window.location.hash).toContain('min.vramGB=24');

    // A max on TDP: the unknown TDP never satisfies it.
    await fireEvent.input(screen.getByLabelText('Board power (TDP): at most (W)'), { target: { value: '250' } });
    await waitFor(() => expect(partOrder()).toEqual(['NVIDIA Tesla P40']));

    // Not a number: the input says so and the filter is not applied.
    await fireEvent.input(screen.getByLabelText('Memory bandwidth: at least (GB/s)'), { target: { value: '7OO' } });
    expect(screen.getByLabelText('Memory bandwidth: at least (GB/s)').getAttribute('aria-invalid')).toBe('true');
  });

  it('sorts by a derived column with unknowns last in both directions', async () => {
    await renderAt('#/catalog?cat=gpu');
    const header = screen.getByRole('columnheader', { name: /GB\/s per \$/ });
    await fireEvent.click(within(header).getByRole('button'));
    await waitFor(() => expect(header.getAttribute('aria-sort')).toBe('descending'));
    await waitFor(() => expect(partOrder().slice(0, 2)).toEqual(['NVIDIA Tesla P40', 'NVIDIA GeForce RTX 3060']));
    const desc = partOrder();
    // P40 346/175 = 1.98, 3060 360/220 = 1.64, 3090 936/900 = 1.04; the rest have no price or no bandwidth.
    expect(desc.slice(0, 3)).toEqual(['NVIDIA Tesla P40', 'NVIDIA GeForce RTX 3060', 'NVIDIA GeForce RTX 3090']);
    expect(desc.slice(3).sort()).toEqual(['Acme Mystery X1', 'Me My flashed card', 'NVIDIA Tesla K80']);

    await fireEvent.click(within(header).getByRole('button'));
    await waitFor(() => expect(header.getAttribute('aria-sort')).toBe('ascending'));
    await waitFor(() => expect(partOrder()[0]).toBe('NVIDIA GeForce RTX 3090'));
    const asc = partOrder();
    expect(asc.slice(0, 3)).toEqual(['NVIDIA GeForce RTX 3090', 'NVIDIA GeForce RTX 3060', 'NVIDIA Tesla P40']);
    expect(asc.slice(3).sort()).toEqual(['Acme Mystery X1', 'Me My flashed card', 'NVIDIA Tesla K80']);
    expect(window.location.hash).toContain('sort=gbpsPerDollar');
  });

  it('renders hostile text in a user part literally', async () => {
    const { container } = await renderAt('#/catalog?cat=gpu&part=user.gpu.my-card');
    const pane = await screen.findByTestId('part-detail');
    const notes = await within(pane).findByTestId('part-notes');
    expect(notes.textContent).toBe(HOSTILE);
    expect(container.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });

  it('restores category, search, ranges, sort and the open part from the hash', async () => {
    const { backend } = await renderAt('#/catalog?cat=gpu&q=nvidia&min.vramGB=24&sort=-memBandwidthGBps&part=gpu.nvidia.rtx-3090');
    expect(screen.getByRole('button', { name: /^GPU/, pressed: true })).toBeTruthy();
    expect((screen.getByRole('searchbox', { name: 'Search the catalog' }) as HTMLInputElement).value).toBe('nvidia');
    expect((screen.getByLabelText('Memory (board total): at least (GB)') as HTMLInputElement).value).toBe('24');
    expect(backend.callsTo('catalog:list').find((q) => (q as { category?: string }).category)).toMatchObject({
      search: 'nvidia',
      category: 'gpu',
      ranges: [{ field: 'vramGB', min: 24 }],
      sort: { field: 'memBandwidthGBps', direction: 'desc' },
    });
    await waitFor(() => expect(partOrder()).toEqual(['NVIDIA GeForce RTX 3090', 'NVIDIA Tesla K80', 'NVIDIA Tesla P40']));
    expect(await within(screen.getByTestId('part-detail')).findByRole('heading', { name: 'NVIDIA GeForce RTX 3090' })).toBeTruthy();
  });

  it('moves the selection with the arrow keys and opens with Enter', async () => {
    await renderAt('#/catalog?cat=gpu');
    const first = screen.getByRole('button', { name: 'Acme Mystery X1' });
    first.focus();
    await fireEvent.keyDown(first, { key: 'ArrowDown' });
    await tick();
    const second = document.activeElement as HTMLButtonElement;
    expect(second.textContent?.replace(/\s+/g, ' ').trim()).toBe('Me My flashed card');
    expect(second.getAttribute('tabindex')).toBe('0');
    second.click(); // Enter on a button
    expect(await within(await screen.findByTestId('part-detail')).findByRole('heading', { name: 'Me My flashed card' })).toBeTruthy();
    expect(window.location.hash).toContain('part=user.gpu.my-card');
    await fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('part-detail')).toBeNull());
  });

  it('adds the open part to the wishlist and offers a way to the inventory', async () => {
    const { backend } = await renderAt('#/catalog?cat=gpu&part=gpu.nvidia.rtx-3090');
    const pane = await screen.findByTestId('part-detail');
    await fireEvent.click(await within(pane).findByRole('button', { name: 'Add to wishlist' }));
    await waitFor(() => expect(backend.callsTo('inventory:create')).toEqual([expect.objectContaining({ partId: 'gpu.nvidia.rtx-3090', status: 'wishlist' })]));
    const toast = await screen.findByText('Added NVIDIA GeForce RTX 3090 to the wishlist');
    await fireEvent.click(within(toast.closest('[data-testid="toast"]') as HTMLElement).getByRole('button', { name: 'Open inventory' }));
    expect(window.location.hash).toBe('#/inventory');
  });

  it('clones a built-in into an edit form, checks each field in the page, and saves', async () => {
    const { backend } = await renderAt('#/catalog?cat=gpu&part=gpu.nvidia.tesla-p40');
    const pane = await screen.findByTestId('part-detail');
    await fireEvent.click(await within(pane).findByRole('button', { name: 'Clone to edit' }));
    const model = (await within(pane).findByLabelText('Model')) as HTMLInputElement;
    expect(model.value).toBe('Tesla P40 (my copy)');
    const tdp = within(pane).getByLabelText('TDP (W)') as HTMLInputElement;
    expect(tdp.value).toBe('250');
    const fp16 = within(pane).getByLabelText('FP16 (dense) (TFLOPS)') as HTMLInputElement;
    expect(fp16.value).toBe(''); // unknown stays empty, not 0

    // The page's own check first.
    await fireEvent.input(tdp, { target: { value: 'lots' } });
    await fireEvent.click(within(pane).getByRole('button', { name: 'Save' }));
    expect(within(tdp.closest('.field') as HTMLElement).getByText(/Enter a number/)).toBeTruthy();
    expect(backend.callsTo('catalog:updateUserPart')).toHaveLength(0);

    // A link width no card has: refused in the page, on its field, before any call.
    await fireEvent.input(tdp, { target: { value: '250' } });
    const lanes = within(pane).getByLabelText(/PCIe lanes/) as HTMLInputElement;
    await fireEvent.input(lanes, { target: { value: '12' } });
    await fireEvent.click(within(pane).getByRole('button', { name: 'Save' }));
    expect((lanes.closest('.field') as HTMLElement).textContent).toMatch(/Invalid|must|expected/i);
    expect(backend.callsTo('catalog:updateUserPart')).toHaveLength(0);

    // Fixed, it saves: the stored part has the new name and the values typed.
    await fireEvent.input(lanes, { target: { value: '16' } });
    await fireEvent.input(model, { target: { value: 'Tesla P40 (modded)' } });
    await fireEvent.click(within(pane).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(backend.callsTo('catalog:updateUserPart')).toHaveLength(1));
    const { id } = backend.callsTo('catalog:updateUserPart')[0] as { id: string };
    await waitFor(async () =>
      expect((await backend.value('catalog:get', { id })).part).toMatchObject({
        model: 'Tesla P40 (modded)',
        specs: { pcieLanes: 16, tdpW: 250, fp16Tflops: null },
      }),
    );
  });

  it('shows the CONFLICT message when a user part in use is deleted', async () => {
    const { backend } = await renderAt('#/catalog?cat=gpu&part=user.gpu.my-card');
    const pane = await screen.findByTestId('part-detail');
    await fireEvent.click(await within(pane).findByRole('button', { name: 'Add to inventory' }));
    await waitFor(() => expect(backend.callsTo('inventory:create')).toHaveLength(1));
    await fireEvent.click(within(pane).getByRole('button', { name: 'Delete…' }));
    await fireEvent.click(within(pane).getByRole('button', { name: 'Delete My flashed card' }));
    expect(await within(pane).findByText(/user\.gpu\.my-card is used by 1 inventory item/)).toBeTruthy();
  });

  it('shows a NetBox import error naming the field', async () => {
    await renderAt('#/catalog');
    const input = screen.getByTestId('netbox-file') as HTMLInputElement;
    const file = new File(['manufacturer: X\nmodel: Y\nu_height: tall\n'], 'bad.yaml', { type: 'text/yaml' });
    await fireEvent.change(input, { target: { files: [file] } });
    const banner = await screen.findByTestId('import-error');
    expect(banner.textContent).toContain('u_height');
    expect(banner.textContent).toContain('bad.yaml');
  });

  it('summarizes a board topology with lanes, oversubscription and unverified marks', async () => {
    const t = summarizeTopology(BOARD.category === 'board' ? BOARD.specs : (undefined as never));
    const rc1 = t.sockets[0]?.rootComplexes[0];
    expect(rc1).toMatchObject({ lanes: 40, usedLanes: 16 });
    expect(rc1?.switches[0]).toMatchObject({ chip: 'PEX8796', uplinkWidth: 16, downstreamLanes: 48, oversubscription: '3:1', verified: false });
    expect(t.sockets[1]?.rootComplexes[0]?.slots[0]).toMatchObject({ label: 'NIC', electricalWidth: 8, physicalWidth: 16 });
    expect(t.unverifiedCount).toBe(4);

    await renderAt('#/catalog?cat=board&part=board.test.two-switch');
    const topo = await screen.findByTestId('topology');
    expect(topo.textContent).toContain('16 of 40 lanes used');
    expect(topo.textContent).toContain('3:1 oversubscribed');
    expect(within(topo).getAllByText('unverified').length).toBeGreaterThan(0);
  });
});

describe('catalog helpers', () => {
  it('round-trips the URL state and drops what does not parse', () => {
    const state = parseCatalogHash('#/catalog?cat=gpu&q=rtx&min.vramGB=24&max.tdpW=250&sort=-memBandwidthGBps&part=gpu.nvidia.rtx-3090');
    expect(state).toEqual({
      category: 'gpu',
      search: 'rtx',
      ranges: [
        { field: 'vramGB', min: 24 },
        { field: 'tdpW', max: 250 },
      ],
      sort: { field: 'memBandwidthGBps', direction: 'desc' },
      open: 'gpu.nvidia.rtx-3090',
    });
    expect(parseCatalogHash(catalogHash(state))).toEqual(state);
    expect(parseCatalogHash('#/catalog?cat=spaceship&min.vramGB=lots&min.a%20b=1&sort=--x')).toEqual({
      category: 'all',
      search: '',
      ranges: [],
      sort: null,
      open: null,
    });
  });

  it('filters and sorts view-side columns with unknowns last', () => {
    const entries = samplePARTS().map((part) => ({ part, gbpsPerDollar: null, vramGBPerDollar: null }));
    const cols = columnsFor('gpu');
    const byPrice = applyLocal(entries, cols, [], { field: 'priceMinor', direction: 'asc' }).map((e) => e.part.id);
    expect(byPrice.slice(0, 4)).toEqual(['gpu.nvidia.tesla-p40', 'gpu.nvidia.rtx-3060', 'gpu.acme.mystery', 'gpu.nvidia.rtx-3090']);
    expect(applyLocal(entries, cols, [{ field: 'priceMinor', max: 300 }], null).map((e) => e.part.id)).toEqual(['gpu.nvidia.tesla-p40', 'gpu.nvidia.rtx-3060']);
  });

  it('offers every numeric spec of a category in the edit form, nested chassis fields included', () => {
    expect(numericSpecFields('gpu').map((f) => f.path)).toEqual(
      expect.arrayContaining(['vramGB', 'memBandwidthGBps', 'fp16Tflops', 'int8Tops', 'tdpW', 'pcieGen', 'pcieLanes', 'slotWidth', 'lengthMm']),
    );
    expect(numericSpecFields('gpu').map((f) => f.path)).not.toContain('family');
    expect(numericSpecFields('chassis').map((f) => f.path)).toEqual(expect.arrayContaining(['heightU', 'psuBays', 'gpu.maxCards', 'gpu.maxCardLengthMm']));
    expect(numericSpecFields('psu').map((f) => f.path)).toEqual(expect.arrayContaining(['ratedOutputHighLineW', 'ratedOutputLowLineW']));
  });
});
