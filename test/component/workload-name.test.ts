// The workload form takes a model name as people write it (GGUF file name,
// Hugging Face id, Ollama tag), resolves it with the library's alias rules
// (the CLI's), says what it resolved to or that no model has that name, and
// the workload saved to the real database carries the resolved model.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../../renderer/src/App.svelte';
import { realBackend } from './realBackend';

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

afterEach(() => {
  window.location.hash = '';
});

describe('workload form: a model by the name people use', () => {
  it('resolves a GGUF file name (weights too), refuses an unknown name, and saves the resolved model', async () => {
    const be = await realBackend();
    await be.value('builds:create', { exampleId: 'sys-4028gr-x10drg' });
    const before = (await be.value('builds:get', { id: 1 })).build.workloads.length;
    window.location.hash = '#/builds/1';
    render(App, { props: { connection: be.connection } });
    await fireEvent.click(await screen.findByRole('tab', { name: 'Estimates' }));
    await fireEvent.click(await screen.findByRole('button', { name: '+ Add a workload' }));
    const form = await screen.findByRole('form', { name: 'Add a workload' });
    const name = within(form).getByRole('textbox', { name: /Model name/ });
    const model = within(form).getByRole('combobox', { name: 'Model' }) as HTMLSelectElement;
    const weights = within(form).getByRole('combobox', { name: 'Weights' }) as HTMLSelectElement;
    const result = within(form).getByTestId('model-name-result');

    await fireEvent.input(name, { target: { value: 'Meta-Llama-3-8B-Instruct-Q5_K_M.gguf' } });
    expect(result.textContent!.trim()).toBe('Resolved to Llama 3 8B (llama-3-8b), weights Q5_K_M');
    expect(model.value).toBe('llama-3-8b');
    expect(weights.value).toBe('Q5_K_M');

    await fireEvent.input(name, { target: { value: 'no-such-model-7b' } });
    expect(result.textContent!.trim()).toBe('No model named “no-such-model-7b” in the library.');
    await fireEvent.submit(form);
    expect(within(form).getByRole('alert').textContent).toMatch(/No model named “no-such-model-7b”.*Pick the model from the list, or clear the name/);
    expect(be.callsTo('builds:save')).toEqual([]);

    await fireEvent.input(name, { target: { value: 'llama' } });
    expect(result.textContent).toMatch(/“llama” matches \d+ models \(llama-2-7b, .*\): type more of the name/);

    // An Ollama tag; Enter in the name field submits the form.
    await fireEvent.input(name, { target: { value: 'qwen2.5:7b' } });
    expect(result.textContent!.trim()).toBe('Resolved to Qwen2.5 7B (qwen2.5-7b)');
    await fireEvent.submit(form);
    await screen.findByRole('heading', { name: 'Qwen2.5 7B' });
    await waitFor(() => expect(be.callsTo('builds:save').length).toBe(1), { timeout: 30_000 });
    const build = (await be.value('builds:get', { id: 1 })).build;
    expect(build.workloads.length).toBe(before + 1);
    expect(build.workloads.map((w) => [w.modelId, w.quant]).at(-1)).toEqual(['qwen2.5-7b', 'Q5_K_M']);
  });
});
