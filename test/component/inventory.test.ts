// The inventory view in jsdom over the real handler table and a real SQLite
// file: field errors sit next to their fields (the page's own and the
// backend's), the eBay number preview, hostile text stays text, sort headers
// carry aria-sort, and delete offers Undo (which calls inventory:restore).
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import InventoryHarness from './InventoryHarness.svelte';
import { realBackend, type RealBackend } from './realBackend';
import { UndoHistory } from '../../renderer/src/lib/undo.svelte';

const HOSTILE = '<img src=x onerror=alert(1)>';

async function renderWith(given?: RealBackend, undo = new UndoHistory()) {
  const backend = given ?? (await realBackend());
  const result = render(InventoryHarness, { props: { api: backend.api, undo } });
  await waitFor(() => expect(backend.callsTo('inventory:list').length).toBeGreaterThan(0));
  await tick();
  return { ...result, backend, undo };
}

/** The .field wrapper of a control: where its label and error live. */
function fieldOf(control: HTMLElement): HTMLElement {
  const field = control.closest<HTMLElement>('.field');
  if (!field) throw new Error('control is not inside a .field');
  return field;
}

async function openAddDrawer() {
  await fireEvent.click(await screen.findByRole('button', { name: 'Add part' }));
  return screen.findByRole('dialog');
}

describe('inventory view', () => {
  it('shows a first-run panel whose button opens the form with focus in the part field', async () => {
    await renderWith();
    expect(await screen.findByRole('heading', { name: 'Your inventory is empty' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Add your first part' }));
    const dialog = await screen.findByRole('dialog');
    const part = within(dialog).getByRole('combobox', { name: 'Part' });
    expect(document.activeElement).toBe(part);
  });

  it('shows client-side field errors next to their fields', async () => {
    await renderWith();
    const dialog = await openAddDrawer();
    const price = within(dialog).getByLabelText('Price per unit') as HTMLInputElement;
    await fireEvent.input(price, { target: { value: '12.3.4' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Add to inventory' }));

    const priceError = within(fieldOf(price)).getByText(/Price must be a number like 129\.99/);
    expect(price.getAttribute('aria-invalid')).toBe('true');
    expect(price.getAttribute('aria-describedby')).toBe(priceError.closest('p')?.id);
    const part = within(dialog).getByRole('combobox', { name: 'Part' });
    expect(within(fieldOf(part)).getByText('Choose a part')).toBeTruthy();
    // Nothing reached the backend: the same rules ran in the page.
    expect(screen.queryAllByText(/must be/).length).toBeGreaterThan(0);
    expect(document.activeElement).toBe(part);
  });

  it("puts the backend's VALIDATION issues on their fields by path", async () => {
    // Order 12-34 already has its shipping in EUR: only the backend knows, so
    // a USD item joining it passes the page's rules and is refused on Currency.
    const backend = await realBackend();
    await backend.value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', currency: 'EUR', orderNumber: '12-34' });
    await backend.value('inventory:setOrder', { orderNumber: '12-34', currency: 'EUR', shipping: '20', tax: '' });
    await renderWith(backend);
    const dialog = await openAddDrawer();
    const part = within(dialog).getByRole('combobox', { name: 'Part' });
    await fireEvent.input(part, { target: { value: 'tesla p40' } });
    await fireEvent.keyDown(part, { key: 'Enter' });
    await fireEvent.input(within(dialog).getByLabelText('Order number'), { target: { value: '12-34' } });
    // The form offers the currency last used (EUR here); this buyer paid in USD.
    const currency = within(dialog).getByLabelText('Currency') as HTMLInputElement;
    await fireEvent.input(currency, { target: { value: 'USD' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Add to inventory' }));
    expect(await within(fieldOf(currency)).findByText('Order 12-34 is in EUR: use EUR for its items')).toBeTruthy();
    expect(backend.callsTo('inventory:create')).toEqual([expect.objectContaining({ partId: 'gpu.nvidia.tesla-p40', orderNumber: '12-34' })]);
    // Typing in the field clears the backend's message for it, and the fix is accepted.
    await fireEvent.input(currency, { target: { value: 'EUR' } });
    expect(within(fieldOf(currency)).queryByText(/use EUR for its items/)).toBeNull();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Add to inventory' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await backend.value('inventory:getOrder', { orderNumber: '12-34' })).items).toHaveLength(2);
  });

  it('previews the eBay item number live, and says when a link is not eBay', async () => {
    await renderWith();
    const dialog = await openAddDrawer();
    const url = within(dialog).getByLabelText('Listing URL');
    const preview = () => within(dialog).getByTestId('listing-preview').textContent?.replace(/\s+/g, ' ').trim();

    await fireEvent.input(url, { target: { value: 'https://www.ebay.com/itm/NVIDIA-Tesla-P40-24GB/125678901234?hash=item1d4' } });
    expect(preview()).toContain('eBay item 125678901234');
    await fireEvent.input(url, { target: { value: 'https://www.ebay.com.evil.com/itm/125678901234' } });
    expect(preview()).toBe('not an eBay link — kept as a plain link');
    await fireEvent.input(url, { target: { value: 'https://www.ebay.co.uk/itm/334455667788' } });
    expect(preview()).toContain('eBay item 334455667788');
  });

  it('renders hostile user text literally, never as markup', async () => {
    const backend = await realBackend();
    await backend.value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', seller: HOSTILE, notes: HOSTILE, orderNumber: '<b>42</b>' });
    const { container } = await renderWith(backend);
    expect(await screen.findByText(HOSTILE)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'NVIDIA Tesla P40' }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText('Notes') as HTMLTextAreaElement).value).toBe(HOSTILE);
    expect((within(dialog).getByLabelText('Seller') as HTMLInputElement).value).toBe(HOSTILE);
    expect(document.querySelector('img')).toBeNull();
  });

  it('sorts by a column header and reflects it in aria-sort', async () => {
    const backend = await realBackend();
    await backend.value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', price: '175' });
    await renderWith(backend);
    const priceHeader = (await screen.findByRole('columnheader', { name: /Price/ })) as HTMLElement;
    expect(priceHeader.getAttribute('aria-sort')).toBe('none');

    await fireEvent.click(within(priceHeader).getByRole('button'));
    expect(priceHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(backend.callsTo('inventory:list').at(-1)).toMatchObject({ sort: { column: 'price', direction: 'asc' } });

    await fireEvent.click(within(priceHeader).getByRole('button'));
    expect(priceHeader.getAttribute('aria-sort')).toBe('descending');
    expect(backend.callsTo('inventory:list').at(-1)).toMatchObject({ sort: { column: 'price', direction: 'desc' } });

    const sellerHeader = screen.getByRole('columnheader', { name: /Seller/ });
    await fireEvent.click(within(sellerHeader).getByRole('button'));
    expect(sellerHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(priceHeader.getAttribute('aria-sort')).toBe('none');
  });

  it('shows unknown amounts as "unknown", never as 0', async () => {
    const backend = await realBackend();
    await backend.value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', price: '175', shipping: '', tax: '0' });
    await renderWith(backend);
    const row = (await screen.findByRole('button', { name: 'NVIDIA Tesla P40' })).closest('tr')!;
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent?.trim());
    expect(cells).toContain('$175.00');
    expect(cells).toContain('unknown');
    expect(cells).toContain('$0.00');
  });

  it('deletes with a visible Undo that calls inventory:restore with the same id', async () => {
    const backend = await realBackend();
    await backend.value('inventory:create', { partId: 'cpu.intel.xeon-e5-2690-v4' });
    const gone = await backend.value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', price: '175' });
    const { undo } = await renderWith(backend);
    await fireEvent.click(await screen.findByRole('button', { name: 'Delete NVIDIA Tesla P40' }));

    const toast = (await screen.findByText('Deleted NVIDIA Tesla P40')).closest<HTMLElement>('[data-testid="toast"]')!;
    await waitFor(() => expect(screen.queryByRole('button', { name: 'NVIDIA Tesla P40' })).toBeNull());
    expect(undo.canUndo).toBe(true);

    await fireEvent.click(within(toast).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(backend.callsTo('inventory:restore')).toHaveLength(1));
    expect(backend.callsTo('inventory:restore')[0]).toMatchObject({ item: { id: gone.id, partId: 'gpu.nvidia.tesla-p40', priceMinor: 17500 } });
    expect((backend.callsTo('inventory:restore')[0] as { item: object }).item).not.toHaveProperty('part');
    expect(await screen.findByRole('button', { name: 'NVIDIA Tesla P40' })).toBeTruthy();
    expect(undo.canUndo).toBe(false);
    expect(undo.canRedo).toBe(true);
  });

  it('adds an item through the form and shows it in the table with its totals', async () => {
    await renderWith();
    const dialog = await openAddDrawer();
    const part = within(dialog).getByRole('combobox', { name: 'Part' });
    await fireEvent.input(part, { target: { value: 'geforce rtx 3090' } });
    await fireEvent.keyDown(part, { key: 'Enter' });
    await fireEvent.input(within(dialog).getByLabelText('Quantity'), { target: { value: '2' } });
    await fireEvent.change(within(dialog).getByLabelText('Status'), { target: { value: 'received' } });
    await fireEvent.input(within(dialog).getByLabelText('Price per unit'), { target: { value: '650' } });
    await fireEvent.input(within(dialog).getByLabelText('Shipping per unit'), { target: { value: '25.50' } });
    // Tax is left blank: the landed total is a lower bound.
    expect(within(dialog).getByTestId('landed-total').textContent).toBe('≥ $1,351.00');
    expect(within(dialog).getByText(/at least: tax unknown/)).toBeTruthy();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Add to inventory' }));

    await waitFor(() => expect(screen.queryByRole('dialog')?.textContent ?? 'closed').toBe('closed'));
    expect(await screen.findByRole('button', { name: 'NVIDIA GeForce RTX 3090' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('total-spent').textContent).toContain('$1,351.00'));
  });

  it('is virtualised: renders only the rows in view and loads the pages that scrolling reaches', async () => {
    const seeded = await realBackend();
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) ids.push((await seeded.value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', serialNumber: `SN${i}` })).id);
    const { container, backend } = await renderWith(seeded);
    await waitFor(() => expect(container.querySelectorAll('tbody tr[data-item-id]').length).toBeGreaterThan(20));
    const rendered = container.querySelectorAll('tbody tr[data-index]').length;
    expect(rendered).toBeLessThan(80);
    expect(container.querySelector('table')?.getAttribute('aria-rowcount')).toBe('1001');
    expect(backend.callsTo('inventory:list')[0]).toMatchObject({ offset: 0, limit: 100 });

    const scroller = screen.getByTestId('inventory-table');
    scroller.scrollTop = 33 * 500;
    await fireEvent.scroll(scroller);
    await waitFor(() => expect(container.querySelector('tbody tr[data-index="500"]')?.getAttribute('data-item-id')).toBe(ids[499]));
    expect(backend.callsTo('inventory:list').map((q) => (q as { offset: number }).offset)).toEqual(expect.arrayContaining([0, 400, 500]));
    expect(container.querySelectorAll('tbody tr[data-index]').length).toBeLessThan(80);
  });
});
