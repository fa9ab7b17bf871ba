import { describe, expect, it } from 'vitest';
import { ebayItemNumber, isEbayHost } from '#core/inventory/ebay';

describe('ebayItemNumber', () => {
  const cases: [string, string | null][] = [
    ['https://www.ebay.com/itm/123456789012', '123456789012'],
    ['https://www.ebay.com/itm/123456789012?hash=item1cbe2d4f5c:g:abcAAOSw', '123456789012'],
    ['https://www.ebay.com/itm/123456789012#viTabs_0', '123456789012'],
    ['https://www.ebay.com/itm/NVIDIA-Tesla-P40-24GB-GPU/123456789012?epid=123&hash=x', '123456789012'],
    ['https://www.ebay.com/itm/RTX-3090-2020-Edition/275123456789/', '275123456789'],
    ['http://ebay.com/itm/123456789012', '123456789012'],
    ['www.ebay.com/itm/123456789012', '123456789012'],
    ['  https://www.ebay.com/itm/123456789012  ', '123456789012'],
    ['https://www.ebay.co.uk/itm/123456789012', '123456789012'],
    ['https://www.ebay.de/itm/Grafikkarte-A5000/123456789012?_trksid=p2047675', '123456789012'],
    ['https://www.ebay.com.au/itm/123456789012', '123456789012'],
    ['https://m.ebay.com/itm/123456789012', '123456789012'],
    ['https://WWW.EBAY.COM/ITM/123456789012', '123456789012'],
    ['https://www.ebay.com./itm/123456789012', '123456789012'],
    ['https://cgi.ebay.com/ws/eBayISAPI.dll?ViewItem&item=123456789012', '123456789012'],
    ['https://www.ebay.com/sch/?itm=123456789012', '123456789012'],
    ['https://www.ebay.com/itm?item=123456789012', '123456789012'],
    ['https://www.ebay.co.uk/itm/12345', null], // too short to be an item number
    ['https://www.ebay.com/', null],
    ['https://www.ebay.com/sch/i.html?_nkw=rtx+3090', null],
    ['https://www.ebay.com.evil.com/itm/123456789012', null],
    ['https://ebay.com.evil.com/itm/123456789012', null],
    ['https://notebay.com/itm/123456789012', null],
    ['https://evil.com/www.ebay.com/itm/123456789012', null],
    ['https://evil.com/?u=https://www.ebay.com/itm/123456789012', null],
    ['https://www.ebay.com@evil.com/itm/123456789012', null],
    ['https://user:pw@www.ebay.com/itm/123456789012', null],
    ['javascript:alert(1)//www.ebay.com/itm/123456789012', null],
    ['file:///www.ebay.com/itm/123456789012', null],
    ['ftp://www.ebay.com/itm/123456789012', null],
    ['https://www.amazon.com/dp/B08HR6ZBYJ', null],
    ['not a url', null],
    ['', null],
  ];
  it.each(cases)('%s → %s', (url, expected) => {
    expect(ebayItemNumber(url)).toBe(expected);
  });
});

describe('isEbayHost', () => {
  it.each([
    ['ebay.com', true],
    ['www.ebay.de', true],
    ['m.ebay.com', true],
    ['www.ebay.com.evil.com', false],
    ['myebay.com', false],
    ['ebay.com.au.evil.net', false],
  ] as const)('%s → %s', (host, expected) => {
    expect(isEbayHost(host)).toBe(expected);
  });
});
