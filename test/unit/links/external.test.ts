// The link allowlist both hosts use: eBay and the catalog's cited hosts open,
// other public http(s) pages ask (host in punycode), the rest never open.
import { describe, expect, it, vi } from 'vitest';
import { BUILTIN_FILES } from '#core/catalog/files';
import { askToOpenText, externalLinkDecision } from '#core/links/external';
import { CATALOG_SOURCE_HOSTS, citedHosts, isTrustedLinkHost } from '#core/links/trustedHosts';
import { safeOpenExternal } from '../../../electron/security';

vi.mock('electron', () => ({}));

describe('trusted hosts', () => {
  it('are derived from the sources the catalog files cite', () => {
    const first = (BUILTIN_FILES['gpus.json']?.[0] as { sources: Array<{ url: string }> }).sources.find((s) => s.url.startsWith('https://'));
    expect(first).toBeDefined();
    expect(CATALOG_SOURCE_HOSTS).toContain(new URL(first!.url).hostname);
    expect(
      citedHosts({ 'x.json': [{ sources: [{ url: 'https://Vendor.Example/spec.pdf (page 3)' }, { url: 'http://plain.example/' }, 'not a url'] }] }),
    ).toEqual(['vendor.example']);
  });
  it('trust eBay sites and exactly the cited hosts, not their lookalikes', () => {
    expect(isTrustedLinkHost('www.ebay.de')).toBe(true);
    expect(isTrustedLinkHost(CATALOG_SOURCE_HOSTS[0]!)).toBe(true);
    expect(isTrustedLinkHost(`evil-${CATALOG_SOURCE_HOSTS[0]!}`)).toBe(false);
  });
});

describe('externalLinkDecision', () => {
  const trusted = (h: string) => h === 'www.nvidia.com' || h.endsWith('ebay.com');
  it.each([
    ['https://www.ebay.com/itm/123456789012', 'open'],
    ['https://www.nvidia.com/datasheet.pdf', 'open'],
    ['http://www.nvidia.com/datasheet.pdf', 'ask'],
    ['https://forum.example.org/thread/1', 'ask'],
    ['https://www.ebay.com.evil.com/itm/1', 'refuse'],
    ['https://user:pw@www.ebay.com/', 'refuse'],
    ['https://www.ebay.com:8443/', 'refuse'],
    ['https://192.168.1.1/', 'refuse'],
    ['https://localhost/', 'refuse'],
    ['javascript:alert(1)', 'refuse'],
    ['file:///etc/passwd', 'refuse'],
    [42, 'refuse'],
  ] as const)('%s → %s', (url, kind) => {
    expect(externalLinkDecision(url, trusted).kind).toBe(kind);
  });
  it('shows an IDN host in punycode, so it cannot pass for the name it imitates', () => {
    const d = externalLinkDecision('https://www.еbay.com/itm/1', trusted); // Cyrillic "е"
    expect(d).toMatchObject({ kind: 'ask', host: 'www.xn--bay-qdd.com' });
    if (d.kind !== 'ask') throw new Error('expected ask');
    expect(askToOpenText(d).message).toBe('Open a page on www.xn--bay-qdd.com?');
    expect(askToOpenText(d).detail).toContain('https://www.xn--bay-qdd.com/itm/1');
  });
  it('says when a link is not encrypted', () => {
    const d = externalLinkDecision('http://forum.example.org/', trusted);
    if (d.kind !== 'ask') throw new Error('expected ask');
    expect(d.insecure).toBe(true);
    expect(askToOpenText(d).detail).toContain('not encrypted');
  });
});

describe('safeOpenExternal', () => {
  it('opens listed hosts without asking, asks for the others and obeys the answer', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    const no = vi.fn(async () => false);
    const yes = vi.fn(async () => true);
    await expect(safeOpenExternal('https://www.ebay.co.uk/itm/1', shell, no)).resolves.toBe(true);
    expect(no).not.toHaveBeenCalled();
    await expect(safeOpenExternal('https://forum.example.org/', shell, no)).resolves.toBe(false);
    expect(no).toHaveBeenCalledWith(expect.objectContaining({ kind: 'ask', host: 'forum.example.org' }));
    await expect(safeOpenExternal('https://forum.example.org/', shell, yes)).resolves.toBe(true);
    await expect(safeOpenExternal('file:///etc/passwd', shell, yes)).resolves.toBe(false);
    expect(yes).toHaveBeenCalledTimes(1);
    expect(shell.openExternal.mock.calls).toEqual([['https://www.ebay.co.uk/itm/1'], ['https://forum.example.org/']]);
  });
});
