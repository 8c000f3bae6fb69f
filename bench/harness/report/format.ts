/** How figures are written in the table. */
import type { Cell } from './Results';

/** A number with `digits` decimals and thousands separators. */
export function num(value: number, digits = 0): string {
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds: more decimals for small values. */
export function ms(value: number): Cell {
  return { text: num(value, value < 10 ? 2 : value < 100 ? 1 : 0), value };
}

/** A percentage of one core. */
export function percent(value: number): Cell {
  return { text: `${num(value, 1)} %`, value };
}

/** Bytes as MiB. */
export function mib(bytes: number): Cell {
  return { text: num(bytes / 2 ** 20, 1), value: bytes };
}

/** Bytes as KiB. */
export function kib(bytes: number): Cell {
  return { text: num(bytes / 1024, 1), value: bytes };
}

/** A figure that does not apply to this server. */
export function notApplicable(why = 'n/a'): Cell {
  return { text: why };
}
