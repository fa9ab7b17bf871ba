import { describe, expect, it, vi } from 'vitest';
import { isAllowedNavigation, isSafeExternalUrl, isTrustedSender, safeOpenExternal } from '../../electron/security';

// security.ts is pure, but keep the rule of this folder: never load the real module.
vi.mock('electron', () => ({}));

describe('isSafeExternalUrl', () => {
  const table: Array<[unknown, boolean, string]> = [
    ['https://www.ebay.com/itm/123456789012', true, 'an eBay listing'],
    ['https://www.ebay.co.uk/itm/Tesla-P40/123456789012?hash=x#tabs', true, 'query and fragment are fine'],
    ['https://github.com/', true, 'any public https page'],
    // Substring checks would let these through; hostnames are compared by label.
    ['https://www.ebay.com.evil.com/itm/1', false, 'lookalike host dressed up as eBay'],
    ['https://ebay.co.uk.example.net/itm/1', false, 'lookalike of a country site'],
    ['https://www.ebay.com/itm/123456789012', true, 'a real listing'],
    ['https://www.ebay.co.uk/itm/123456789012', true, 'a real country-site listing'],
    ['https://myebay.com/', true, 'another registrable domain that merely contains the letters'],
    ['https://user:pass@www.ebay.com/', false, 'credentials in the URL'],
    ['https://www.ebay.com@evil.com/', false, 'userinfo hiding the real host'],
    ['https://:@www.ebay.com/', true, 'empty userinfo: the parser drops it, and the normalised href is what opens'],
    ['http://www.ebay.com/itm/1', false, 'plain http'],
    ['javascript:alert(1)', false, 'javascript:'],
    ['JAVASCRIPT:alert(1)', false, 'javascript: in capitals'],
    [' javascript:alert(1)', false, 'javascript: after a space'],
    ['file:///etc/passwd', false, 'file:'],
    ['data:text/html,<script>alert(1)</script>', false, 'data:'],
    ['vbscript:msgbox', false, 'vbscript:'],
    ['smb://server/share', false, 'smb:'],
    ['ms-msdt:/id', false, 'Windows protocol handler'],
    ['app://rackhive/', false, "the app's own scheme"],
    ['https://www.ebay.com:8443/', false, 'explicit non-standard port'],
    ['https://192.168.1.1/', false, 'IP literal (LAN router)'],
    ['https://[::1]/', false, 'IPv6 literal'],
    ['https://localhost/', false, 'single-label host'],
    ['https://ebay.com./', false, 'trailing-dot host'],
    ['//www.ebay.com/itm/1', false, 'protocol-relative'],
    ['www.ebay.com/itm/1', false, 'no scheme'],
    ['https://', false, 'no host'],
    ['not a url', false, 'garbage'],
    ['', false, 'empty'],
    [`https://www.ebay.com/${'a'.repeat(3000)}`, false, 'absurdly long'],
    [undefined, false, 'undefined'],
    [null, false, 'null'],
    [42, false, 'a number'],
    [{ href: 'https://www.ebay.com/' }, false, 'an object'],
  ];
  it.each(table)('%s → %s (%s)', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});

describe('safeOpenExternal', () => {
  it('opens a safe URL, normalised', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    await expect(safeOpenExternal('https://WWW.eBay.com/itm/1', shell)).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.ebay.com/itm/1');
  });
  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'https://user:pass@www.ebay.com/', 'http://www.ebay.com/'])('never opens %s', async (url) => {
    const shell = { openExternal: vi.fn(async () => {}) };
    await expect(safeOpenExternal(url, shell)).resolves.toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
  it('reports a failed open as false', async () => {
    const shell = { openExternal: vi.fn(async () => Promise.reject(new Error('no handler'))) };
    await expect(safeOpenExternal('https://www.ebay.com/', shell)).resolves.toBe(false);
  });
});

describe('isTrustedSender / isAllowedNavigation', () => {
  const table: Array<[unknown, boolean]> = [
    ['app://rackhive/', true],
    ['app://rackhive/index.html', true],
    ['app://rackhive/#/inventory?status=wishlist', true],
    ['app://rackhive.evil/', false],
    ['app://rackhive@evil/', false],
    ['app://evil@rackhive/', false],
    ['app://evil/', false],
    ['app://rackhive:8080/', false],
    ['app://rackhiveevil/', false],
    ['app:rackhive', false],
    ['https://rackhive/', false],
    ['http://rackhive/', false],
    ['https://evil.com/', false],
    ['https://evil.com/?app://rackhive/', false],
    ['file:///app/index.html', false],
    ['about:blank', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['', false],
    [undefined, false],
    [null, false],
  ];
  it.each(table)('%s → %s', (url, expected) => {
    expect(isTrustedSender(url)).toBe(expected);
    expect(isAllowedNavigation(url)).toBe(expected);
  });
});
