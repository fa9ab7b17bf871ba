// The quantisation tag at the end of a file name, read with the same rule that strips it for name resolution.
import { describe, expect, it } from 'vitest';
import { fileQuantTag, stripFileName } from '#core/models/resolve';

describe('fileQuantTag', () => {
  it('reads the tag a GGUF or GPTQ/EXL2 name ends with, past the extension and shard suffix', () => {
    expect(fileQuantTag('Meta-Llama-3-8B-Instruct-Q4_K_M.gguf')).toBe('Q4_K_M');
    expect(fileQuantTag('Llama-3.3-70B-Instruct-Q8_0-00001-of-00002.gguf')).toBe('Q8_0');
    expect(fileQuantTag('qwen2.5-7b-instruct-fp16.gguf')).toBe('fp16');
    expect(fileQuantTag('Mistral-7B-Instruct-v0.3-exl2-4.0bpw')).toBe('exl2-4.0bpw');
    expect(stripFileName('Meta-Llama-3-8B-Instruct-Q4_K_M.gguf')).toBe('Meta-Llama-3-8B-Instruct');
  });
  it('is null for a name without one (a Hugging Face id, an Ollama tag)', () => {
    expect(fileQuantTag('meta-llama/Meta-Llama-3-8B-Instruct')).toBeNull();
    expect(fileQuantTag('qwen2.5:7b')).toBeNull();
  });
});
