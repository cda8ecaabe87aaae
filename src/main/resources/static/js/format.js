// Parsing and formatting of the numbers and bytes the playground shows. Pure functions, no DOM.

/** `n` as uppercase hex, zero-padded to `width` digits. */
export function hex(n, width = 2) {
  return n.toString(16).toUpperCase().padStart(width, "0");
}

/** An offset as the playground writes it everywhere: 0x and eight hex digits (4 GiB fits). */
export function hexOffset(offset) {
  return "0x" + hex(offset, 8);
}

/** The character shown for a byte in the ASCII column: printable ASCII, otherwise a dot. */
export function asciiOf(byte) {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".";
}

/**
 * Parses a whole number typed by a user: decimal (`4096`), hex with a `0x` prefix (`0x1000`) or an
 * `h` suffix (`1000h`). Underscores and spaces between digits are ignored. Returns NaN when the text
 * is not such a number; range checks are left to the service, which answers with a problem detail.
 */
export function parseNumber(text) {
  const t = String(text).trim().replace(/[_\s]/g, "").toLowerCase();
  let digits = t;
  let radix = 10;
  if (/^0x[0-9a-f]+$/.test(t)) {
    digits = t.slice(2);
    radix = 16;
  } else if (/^[0-9a-f]+h$/.test(t)) {
    digits = t.slice(0, -1);
    radix = 16;
  } else if (!/^-?[0-9]+$/.test(t)) {
    return NaN;
  }
  const n = parseInt(digits, radix);
  return Number.isSafeInteger(n) ? n : NaN;
}

/** Like parseNumber, but throws an Error naming the field when the text is not a whole number. */
export function wholeNumber(text, field) {
  const n = parseNumber(text);
  if (Number.isNaN(n)) {
    throw new Error(`${field}: "${String(text).trim()}" is not a whole number (decimal, or hex with 0x).`);
  }
  return n;
}

/**
 * Parses a hex string into bytes. Accepts `deadbeef`, `de ad be ef`, `DE:AD:BE:EF`, `0xde, 0xad`
 * and line breaks; throws an Error naming the problem otherwise.
 */
export function parseHexBytes(text) {
  const digits = String(text)
    .replace(/0x/gi, "")
    .replace(/[\s,:;-]/g, "");
  if (!/^[0-9a-fA-F]*$/.test(digits)) {
    const bad = digits.match(/[^0-9a-fA-F]/)[0];
    throw new Error(`"${bad}" is not a hex digit.`);
  }
  if (digits.length % 2 !== 0) {
    throw new Error(`An odd number of hex digits (${digits.length}): each byte takes two.`);
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(digits.substr(i * 2, 2), 16);
  }
  return bytes;
}

/** A byte count in binary units: `64 KiB`, `4 GiB`, `1.5 MiB`. */
export function formatSize(bytes) {
  const units = ["bytes", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

/** A number with thousands separators, for byte counts. */
export function grouped(n) {
  return n.toLocaleString("en-US");
}

/**
 * The shortest decimal text that reads back as the given f32 value, so 0.1f shows as `0.1` and not
 * as the f64 `0.10000000149011612`.
 */
export function formatF32(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Object.is(value, -0)) return "-0";
  for (let digits = 1; digits <= 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(value);
}

/** An f64 as text; -0 keeps its sign. */
export function formatF64(value) {
  return Object.is(value, -0) ? "-0" : String(value);
}
