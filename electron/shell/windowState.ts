// Where the main window opens: the size, position and maximised state it had
// the last time on the same arrangement of displays (a laptop alone and the
// same laptop docked to two monitors each remember their own). A saved place
// that no longer shows the window's title bar on any display (a monitor was
// unplugged, a resolution changed) is dropped for the default size on the
// primary display. Pure: displays and the saved JSON are inputs.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayArea {
  id: number;
  /** The display's work area (without taskbar/dock/menu bar), in DIPs. */
  workArea: Rect;
}

export interface WindowPlace {
  bounds: Rect;
  maximized: boolean;
}

export interface WindowStateFile {
  version: 1;
  /** By arrangementKey(displays). */
  arrangements: Record<string, WindowPlace & { savedAt: string }>;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 960, height: 600 } as const;
/** Arrangements remembered at most (the oldest is forgotten first). */
export const MAX_ARRANGEMENTS = 8;
/** How much of the title bar must be on a display for a saved place to count as visible. */
const VISIBLE_TITLE_W = 120;
const TITLE_BAR_H = 32;

/** One key per set of displays: their ids and work areas, in a stable order. */
export function arrangementKey(displays: readonly DisplayArea[]): string {
  return [...displays]
    .map((d) => `${d.id}:${d.workArea.width}x${d.workArea.height}@${d.workArea.x},${d.workArea.y}`)
    .sort()
    .join('|');
}

function isRect(v: unknown): v is Rect {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k] as number)) &&
    (r.width as number) > 0 &&
    (r.height as number) > 0
  );
}

function readFile(saved: unknown): WindowStateFile {
  if (
    typeof saved === 'object' &&
    saved !== null &&
    (saved as WindowStateFile).version === 1 &&
    typeof (saved as WindowStateFile).arrangements === 'object' &&
    (saved as WindowStateFile).arrangements !== null
  ) {
    return saved as WindowStateFile;
  }
  return { version: 1, arrangements: {} };
}

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  return {
    w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** True when enough of the window's title bar lies on one display to grab it. */
export function titleBarVisible(bounds: Rect, displays: readonly DisplayArea[]): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: TITLE_BAR_H };
  return displays.some((d) => {
    const o = overlap(titleBar, d.workArea);
    return o.w >= Math.min(VISIBLE_TITLE_W, bounds.width) && o.h > 0;
  });
}

/** The default: 1280×800 (or the work area, if smaller) centred on the first display. */
export function defaultPlace(displays: readonly DisplayArea[]): WindowPlace {
  const area = displays[0]?.workArea ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const width = Math.min(DEFAULT_SIZE.width, area.width);
  const height = Math.min(DEFAULT_SIZE.height, area.height);
  return { bounds: { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height }, maximized: false };
}

/** Where to open: the place saved for this arrangement when it is still visible, else the default. */
export function restorePlace(saved: unknown, displays: readonly DisplayArea[]): WindowPlace {
  const entry = readFile(saved).arrangements[arrangementKey(displays)];
  if (entry && isRect(entry.bounds) && titleBarVisible(entry.bounds, displays)) {
    const bounds = { ...entry.bounds, width: Math.max(entry.bounds.width, MIN_SIZE.width), height: Math.max(entry.bounds.height, MIN_SIZE.height) };
    return { bounds, maximized: entry.maximized === true };
  }
  return defaultPlace(displays);
}

/** The file with this arrangement's place replaced (normal bounds: a maximised window keeps the size it returns to). */
export function recordPlace(saved: unknown, displays: readonly DisplayArea[], place: WindowPlace, now: Date): WindowStateFile {
  const file = readFile(saved);
  const arrangements = { ...file.arrangements, [arrangementKey(displays)]: { bounds: place.bounds, maximized: place.maximized, savedAt: now.toISOString() } };
  const keys = Object.keys(arrangements).sort((a, b) => String(arrangements[b]?.savedAt).localeCompare(String(arrangements[a]?.savedAt)));
  return { version: 1, arrangements: Object.fromEntries(keys.slice(0, MAX_ARRANGEMENTS).map((k) => [k, arrangements[k]!])) };
}
