/**
 * The geometry of the Keys panel's timeline: which stretch of time the axis
 * shows, where an instant falls on it, its ticks, and the stretches of a key's
 * life. Pure functions of times in epoch milliseconds, so the view only sets
 * positions (`--from`, `--to`, `--now`: fractions of the axis) and CSS draws.
 */
import type { KeyInfo, KeyState } from './wire.js';

/** The stretch of time the axis shows, and the distance between its ticks. */
export interface AxisWindow {
  from: number;
  to: number;
  step: number;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Tick spacings, smallest first; the axis takes the first that gives at most {@link maxTicks} ticks. */
const steps = [minute, 5 * minute, 10 * minute, 15 * minute, 30 * minute, hour, 2 * hour, 3 * hour, 6 * hour, 12 * hour, day, 2 * day, 7 * day, 14 * day, 28 * day];
const maxTicks = 6;

/** Times further than this from now are not fitted onto the axis (a key made years ago would squash the rest): their bars run off its edge. */
const horizonMs = 3 * day;

/** The shortest stretch shown: a token's hour of life fits with room around it. */
const minSpanMs = hour;

/**
 * The window that shows now and every event near it, padded, its ends on
 * whole ticks. Snapped so, it stays the same while the clock runs on, and
 * changes only when now (or an event) crosses a tick.
 *
 * @example
 * axisWindow(Date.parse('2030-01-01T00:20:00Z'), [iatMs, expMs]); // 00:00 to 01:30, a tick every 15 min
 */
export function axisWindow(nowMs: number, events: readonly number[]): AxisWindow {
  const near = events.filter((ms) => Number.isFinite(ms) && Math.abs(ms - nowMs) <= horizonMs);
  let lo = Math.min(nowMs, ...near);
  let hi = Math.max(nowMs, ...near);
  if (hi - lo < minSpanMs) {
    const middle = (lo + hi) / 2;
    lo = middle - minSpanMs / 2;
    hi = middle + minSpanMs / 2;
  }
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const step = steps.find((s) => (hi - lo) / s <= maxTicks) ?? steps.at(-1)!;
  return { from: Math.floor(lo / step) * step, to: Math.ceil(hi / step) * step, step };
}

/** Where `ms` falls on the axis, from 0 (its left end) to 1 (its right end); times outside are held at the ends. */
export function fraction(ms: number, axis: AxisWindow): number {
  if (ms === Infinity) return 1;
  if (ms === -Infinity) return 0;
  return Math.min(1, Math.max(0, (ms - axis.from) / (axis.to - axis.from)));
}

/** The axis's ticks, each with its label in UTC: `00:30`, or `01-02` once ticks are days apart. */
export function ticks(axis: AxisWindow): Array<{ at: number; label: string }> {
  const out: Array<{ at: number; label: string }> = [];
  for (let at = axis.from; at <= axis.to; at += axis.step) {
    const iso = new Date(at).toISOString();
    out.push({ at, label: axis.step >= day ? iso.slice(5, 10) : iso.slice(11, 16) });
  }
  return out;
}

/** A key's state at `ms`, as the key ring decides it from the key's times (src/keys/key-ring.ts, `stateOf`). */
export function keyStateAt(key: KeyInfo, ms: number): KeyState {
  const at = (iso: string | null) => (iso === null ? Infinity : Date.parse(iso));
  if (ms >= at(key.retiresAt)) return 'retired';
  if (ms >= at(key.supersededAt)) return 'retiring';
  if (ms >= at(key.activatesAt)) return 'active';
  return 'pending';
}

/** One stretch of a key's life: from `start` to `end` (epoch ms; Infinity: no end yet). Empty stretches have start = end. */
export interface Stretch {
  state: KeyState;
  start: number;
  end: number;
}

/**
 * The four stretches of a key's life, in order: published but not signing,
 * signing, replaced but still published (the overlap), gone from the JWKS.
 * A key retired early (before it signed, or while it signed) has empty ones.
 */
export function keyStretches(key: KeyInfo): Stretch[] {
  const created = Date.parse(key.createdAt);
  const retires = key.retiresAt === null ? Infinity : Date.parse(key.retiresAt);
  const superseded = Math.min(key.supersededAt === null ? Infinity : Date.parse(key.supersededAt), retires);
  const activates = Math.min(Math.max(Date.parse(key.activatesAt), created), superseded);
  return [
    { state: 'pending', start: created, end: activates },
    { state: 'active', start: activates, end: superseded },
    { state: 'retiring', start: superseded, end: retires },
    { state: 'retired', start: retires, end: Infinity },
  ];
}

/** The times of a key worth fitting onto the axis (its rotation and retirement; creation when recent). */
export function keyEvents(key: KeyInfo): number[] {
  return [key.createdAt, key.activatesAt, key.supersededAt, key.retiresAt].filter((iso): iso is string => iso !== null).map((iso) => Date.parse(iso));
}
