// Item ids that sort by creation time (UUID version 7, RFC 9562): 48 bits of
// Unix milliseconds, then a counter and random bits. A random UUID lands
// anywhere in the primary-key B-tree, so a large import touched a different
// page for nearly every row; these append at the right edge. Within one
// millisecond a 12-bit counter keeps them increasing.
import { randomBytes } from 'node:crypto';

let lastMs = -1;
let counter = 0;
/** Random bytes drawn in bulk: one getRandom call per id costs more than the insert's index update. */
let pool = Buffer.alloc(0);
let poolAt = 0;

function random(n: number): Buffer {
  if (poolAt + n > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function timeOrderedId(now: number = Date.now()): string {
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      // 4096 ids in one millisecond: borrow the next one (still increasing, still unique).
      ms = ++lastMs;
      counter = 0;
    }
  } else {
    lastMs = ms;
    counter = 0;
  }
  const r = random(8);
  const t = ms.toString(16).padStart(12, '0');
  // version 7 in the high nibble of byte 6, variant 10xx in byte 8.
  return (
    `${t.slice(0, 8)}-${t.slice(8, 12)}-${(0x7000 | counter).toString(16)}-` +
    `${HEX[0x80 | (r[0]! & 0x3f)]}${HEX[r[1]!]}-${HEX[r[2]!]}${HEX[r[3]!]}${HEX[r[4]!]}${HEX[r[5]!]}${HEX[r[6]!]}${HEX[r[7]!]}`
  );
}
