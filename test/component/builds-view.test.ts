// The builds list and the editor inside the app shell, over the real handler
// table and a real SQLite file: the first run offers the examples and opens one
// as a build with its verdict; a delete is undone; in the editor a keyboard
// move of the NIC raises the affinity warning live, undo takes it back, and
// the build is saved.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../renderer/src/App.svelte';
import { realBackend, type RealBackend } from './realBackend';

beforeAll(() => {
  // jsdom has no layout: element sizes read as 0 and ResizeObserver is missing.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

afterEach(() => {
  window.location.hash = '';
});

/** The saved build, read back from the database through builds:get. */
async function saved(be: RealBackend, id: number) {
  return (await be.value('builds:get', { id })).build;
}

describe('builds list', () => {
  it('is home; on first run it offers the examples, and one opens as a build with its verdict', async () => {
    const be = await realBackend();
    render(App, { props: { connection: be.connection } });
    expect(screen.getByRole('link', { name: 'Builds' }).getAttribute('aria-current')).toBe('page');
    await screen.findByRole('heading', { name: 'No builds yet' });
    await fireEvent.click(await screen.findByRole('button', { name: /SYS-4028GR with X10DRG-O-PCIE/ }));
    await waitFor(() => expect(window.location.hash).toBe('#/builds/1'));
    expect(be.callsTo('builds:create')).toEqual([{ exampleId: 'sys-4028gr-x10drg' }]);
    await waitFor(() => expect(screen.getByTestId('hive-verdict').textContent).toBe('one hive of eight GPUs'));
    await waitFor(() => expect(document.title).toBe('SYS-4028GR with X10DRG-O-PCIE, 8× Tesla P40 + NIC — Rackhive'));
  });

  it('counts GPUs as nvidia-smi does: four K80 cards are 8 accelerators (4 cards), in the list and on the example', async () => {
    const be = await realBackend();
    await be.value('builds:create', { exampleId: 'k80-x4' });
    window.location.hash = '#/builds';
    render(App, { props: { connection: be.connection } });
    await screen.findByRole('link', { name: /^SYS-4028GR with X9DRG-O-PCIE, 4× Tesla K80/ });
    expect(screen.getByTestId('gpu-count').textContent).toBe('8 (4 cards)');
    const example = document.querySelector('[data-example="k80-x4"] .ex-counts')!;
    expect(example.textContent).toContain('8 accelerators (4 cards)');
    // A build of single-GPU cards says the count alone.
    expect(document.querySelector('[data-example="sys-4028gr-x10drg"] .ex-counts')!.textContent).toContain('8 accelerators');
    expect(document.querySelector('[data-example="sys-4028gr-x10drg"] .ex-counts')!.textContent).not.toContain('card');
  });

  it('deletes a build and the toast puts it back', async () => {
    const be = await realBackend();
    await be.value('builds:create', { name: 'Old box' });
    window.location.hash = '#/builds';
    render(App, { props: { connection: be.connection } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Delete Old box' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Old box' })).toBeNull());
    await fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(be.callsTo('builds:restore')).toEqual([{ id: 1 }]));
    expect(await screen.findByRole('link', { name: 'Old box' })).toBeTruthy();
  });
});

describe('build editor', () => {
  it('moves the NIC to the other socket by keyboard, shows the affinity warning live, undoes it, and saves', async () => {
    const be = await realBackend();
    const { id } = await be.value('builds:create', { exampleId: 'sys-4028gr-x10drg' });
    expect(id).toBe(1);
    window.location.hash = '#/builds/1';
    render(App, { props: { connection: be.connection } });
    await waitFor(() => expect(screen.getByTestId('hive-verdict').textContent).toBe('one hive of eight GPUs'));
    const warning = () => document.querySelector('.finding[data-code="nic.hive-without-nic"]');
    expect(warning()).toBeNull();

    // Focus the NIC card, Enter picks it up; the other socket's slot takes it.
    const nic = await waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-slot-id="cpu1-x8"] [data-device-id]');
      if (!el) throw new Error('no NIC card yet');
      return el;
    });
    nic.focus();
    await fireEvent.keyDown(nic, { key: 'Enter' });
    const target = document.querySelector<HTMLElement>('[data-slot-id="cpu2-x8"] .slot-empty')!;
    expect(target.dataset.dropOk).toBe('true');
    await fireEvent.click(target);
    await waitFor(() => expect(warning()).not.toBeNull());
    expect(document.querySelector('[data-slot-id="cpu2-x8"] [data-device-id="ib-0"]')).not.toBeNull();

    // Saved after the debounce, with the NIC where it was put.
    await waitFor(() => expect(be.callsTo('builds:save').length).toBe(1), { timeout: 30_000 });
    const build = await saved(be, 1);
    expect(build.racks[0]!.chassis[0]!.devices.find((d) => d.id === 'ib-0')!.slot).toBe('cpu2-x8');

    // Ctrl+Z: the NIC is back and the warning gone.
    await fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(warning()).toBeNull());
    expect(document.querySelector('[data-slot-id="cpu1-x8"] [data-device-id="ib-0"]')).not.toBeNull();
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('Saved'), { timeout: 30_000 });
    expect((await saved(be, 1)).racks[0]!.chassis[0]!.devices.find((d) => d.id === 'ib-0')!.slot).toBe('cpu1-x8');
  });

  it('refuses a chassis dropped onto another, saying why, and removes a selected card with Delete', async () => {
    const be = await realBackend();
    const { id } = await be.value('builds:create', { exampleId: 'sys-4028gr-x10drg' });
    expect(id).toBe(1);
    window.location.hash = '#/builds/1';
    render(App, { props: { connection: be.connection } });
    await waitFor(() => expect(screen.getByTestId('hive-verdict').textContent).toBe('one hive of eight GPUs'));

    // Pick up a second 4 U system; the rack's cursor starts at the first free unit (U5).
    await fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: 'chassis' } });
    const sys = await waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-part-id="chassis.supermicro.sys-4028gr-trt"]');
      if (!el) throw new Error('not listed yet');
      return el;
    });
    await fireEvent.click(sys);
    const rack = document.querySelector<HTMLElement>('[data-rack-id="rack-1"]')!;
    expect(rack.getAttribute('aria-valuenow')).toBe('5');
    await fireEvent.keyDown(rack, { key: 'ArrowDown' });
    await fireEvent.keyDown(rack, { key: 'Enter' });
    expect(screen.getByTestId('notice').textContent).toMatch(/U4–U7 collides with srv-1 at U1–U4/);
    await fireEvent.keyDown(rack, { key: 'ArrowUp' });
    await fireEvent.keyDown(rack, { key: 'Enter' });
    await waitFor(() => expect(document.querySelector('[data-chassis-id="srv-2"]')).not.toBeNull());

    // Back to srv-1's board; select GPU0 and delete it: seven GPUs left in the hive.
    await fireEvent.click(document.querySelector<HTMLElement>('[data-chassis-id="srv-1"]')!);
    const gpu = await waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-device-id="gpu-0"]');
      if (!el) throw new Error('no card');
      return el;
    });
    await fireEvent.click(gpu);
    await fireEvent.keyDown(gpu, { key: 'Delete' });
    await waitFor(() => expect(screen.getByTestId('hive-verdict').textContent).toBe('one hive of seven GPUs across 2 chassis'));
  });
});
