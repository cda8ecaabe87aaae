// The typed inspector: the bytes at the cursor read as each of the ten value types at once,
// little-endian as in WebAssembly or, with the toggle, big-endian; each editable.
//
// Reading decodes the bytes the hex view already holds with a DataView (no extra request). A
// little-endian write goes through the service's typed endpoint, so the service checks the value's
// range and answers with a problem detail when it does not fit (u8 300, say), instead of the page
// wrapping it. The service knows only little-endian values: a big-endian write is encoded here
// (its range checked here) and sent as its bytes, one batch. The row last focused is the inspected
// value: its bytes are highlighted in the hex view.

import * as api from "./api.js";
import { VALUE_TYPES } from "./api.js";
import { formatF32, formatF64, hex, hexOffset, parseNumber } from "./format.js";
import { attempt } from "./messages.js";

const WIDTH = { i8: 1, u8: 1, i16: 2, u16: 2, i32: 4, u32: 4, i64: 8, u64: 8, f32: 4, f64: 8 };

/**
 * Reads the value of `type` at the start of `view` (a DataView of at least WIDTH[type] bytes),
 * little-endian when `le`.
 */
const DECODE = {
  i8: (v) => String(v.getInt8(0)),
  u8: (v) => String(v.getUint8(0)),
  i16: (v, le) => String(v.getInt16(0, le)),
  u16: (v, le) => String(v.getUint16(0, le)),
  i32: (v, le) => String(v.getInt32(0, le)),
  u32: (v, le) => String(v.getUint32(0, le)),
  i64: (v, le) => v.getBigInt64(0, le).toString(),
  u64: (v, le) => v.getBigUint64(0, le).toString(),
  f32: (v, le) => formatF32(v.getFloat32(0, le)),
  f64: (v, le) => formatF64(v.getFloat64(0, le)),
};

/** The range of each integer type, for the values this page encodes itself (big-endian). */
const RANGE = {
  i8: [-(2n ** 7n), 2n ** 7n - 1n],
  u8: [0n, 2n ** 8n - 1n],
  i16: [-(2n ** 15n), 2n ** 15n - 1n],
  u16: [0n, 2n ** 16n - 1n],
  i32: [-(2n ** 31n), 2n ** 31n - 1n],
  u32: [0n, 2n ** 32n - 1n],
  i64: [-(2n ** 63n), 2n ** 63n - 1n],
  u64: [0n, 2n ** 64n - 1n],
};

const NEGATIVE_ZERO_BITS = { f32: "2147483648", f64: "9223372036854775808" };

export class Inspector {
  /**
   * @param {HTMLElement} container where the ten rows go
   * @param {object} options
   *   memory(): the open MemoryInfo; bytesAt(offset, n): the bytes there;
   *   messages: the panel's messenger; onWritten(): a value was written;
   *   onInspect(width): the value inspected is `width` bytes long
   */
  constructor(container, { memory, bytesAt, messages, onWritten, onInspect }) {
    this.memory = memory;
    this.bytesAt = bytesAt;
    this.messages = messages;
    this.onWritten = onWritten;
    this.onInspect = onInspect;
    this.littleEndian = true;
    this.inspected = "i32";
    this.offset = 0;
    this.sequence = 0; // only the newest show() may fill the rows
    this.rows = new Map();
    for (const type of VALUE_TYPES) this.rows.set(type, this.buildRow(container, type));
    this.inspect(this.inspected);
  }

  /** Reads the values little-endian (true) or big-endian (false). */
  setLittleEndian(littleEndian) {
    this.littleEndian = littleEndian;
    return this.show(this.offset, true);
  }

  /** Points at the value of `type`: its row is marked and its bytes highlighted. */
  inspect(type) {
    this.inspected = type;
    for (const [t, row] of this.rows) row.form.classList.toggle("inspected", t === type);
    this.onInspect(WIDTH[type]);
  }

  /** Shows the values at `offset`. */
  async show(offset, reread = false) {
    const sequence = ++this.sequence;
    const moved = offset !== this.offset || reread;
    this.offset = offset;
    let bytes;
    try {
      bytes = await this.bytesAt(offset, 8);
    } catch (error) {
      if (sequence === this.sequence) this.messages.problem(error);
      return;
    }
    if (sequence !== this.sequence) return;
    const padded = new Uint8Array(8);
    padded.set(bytes);
    const view = new DataView(padded.buffer);
    for (const [type, row] of this.rows) {
      const fits = bytes.length >= WIDTH[type];
      row.input.disabled = !fits;
      row.button.disabled = !fits;
      // Keep what the user is typing into a field, unless the cursor moved away from it.
      const editing = row.input.dataset.dirty === "true" && document.activeElement === row.input;
      if (!editing || moved) {
        row.input.value = fits ? DECODE[type](view, this.littleEndian) : "";
        row.input.placeholder = fits ? "" : "past the end";
        row.input.dataset.dirty = "false";
        row.input.removeAttribute("aria-invalid");
      }
      row.hex.textContent = fits ? "0x" + hexOf(padded, WIDTH[type], this.littleEndian) : "";
    }
  }

  buildRow(container, type) {
    const form = document.createElement("form");
    form.className = "value-row";
    const id = `value-${type}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = type;
    const input = document.createElement("input");
    input.id = id;
    input.name = type;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.addEventListener("input", () => (input.dataset.dirty = "true"));
    const button = document.createElement("button");
    button.type = "submit";
    button.textContent = "Set";
    button.setAttribute("aria-label", `Set ${type}`);
    const hexCell = document.createElement("output");
    hexCell.className = "value-hex";
    hexCell.htmlFor = id;
    form.append(label, input, button, hexCell);
    form.addEventListener("focusin", () => this.inspect(type));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.write(type, input.value);
    });
    container.append(form);
    return { form, input, button, hex: hexCell };
  }

  async write(type, text) {
    const { id } = this.memory();
    const offset = this.offset;
    const { input } = this.rows.get(type);
    if (!this.littleEndian) {
      const done = await attempt(this.messages, () =>
        api.batch(id, [api.setOperation(offset, bigEndianBytes(type, text))]),
      );
      input.setAttribute("aria-invalid", String(!done));
      if (!done) return;
      this.messages.ok(`Wrote ${type} ${text.trim()} big-endian at ${hexOffset(offset)}.`);
      input.dataset.dirty = "false";
      this.onWritten();
      return;
    }
    const value = jsonValue(type, text);
    // JSON.stringify(-0) is "0": a float's -0 goes as its bits instead, to keep the sign.
    const negativeZero = type in NEGATIVE_ZERO_BITS && Object.is(value, -0);
    const done = await attempt(this.messages, () =>
      negativeZero
        ? api.setBits(id, type, offset, NEGATIVE_ZERO_BITS[type])
        : api.setValue(id, type, offset, value),
    );
    input.setAttribute("aria-invalid", String(!done)); // the text stays, to be corrected
    if (!done) return;
    // i64/u64 travel as decimal strings: shown as the number they are, without quotes.
    const shown = negativeZero ? "-0" : typeof value === "string" ? value : JSON.stringify(value);
    this.messages.ok(`Wrote ${type} ${shown} at ${hexOffset(offset)}.`);
    input.dataset.dirty = "false";
    this.onWritten();
  }
}

/**
 * The JSON value to send for `text` typed into the field of `type`: i64/u64 as decimal strings
 * (exact past 2^53), floats as numbers or "NaN"/"Infinity"/"-Infinity", other integers as numbers
 * (0x-hex accepted). Text that is none of these is sent as it is, so the service's 400 problem
 * detail explains what is wrong with it.
 */
export function jsonValue(type, text) {
  const t = text.trim();
  if (type === "i64" || type === "u64") {
    return /^0x[0-9a-f]+$/i.test(t) ? BigInt(t).toString() : t;
  }
  if (type === "f32" || type === "f64") {
    const special = t.toLowerCase().replace(/^\+/, "");
    if (special === "nan" || special === "-nan") return "NaN";
    if (special === "inf" || special === "infinity") return "Infinity";
    if (special === "-inf" || special === "-infinity") return "-Infinity";
    const n = Number(t);
    return t !== "" && Number.isFinite(n) ? n : t;
  }
  const n = parseNumber(t);
  if (!Number.isNaN(n)) return n;
  const decimal = Number(t);
  return t !== "" && Number.isFinite(decimal) ? decimal : t;
}

/**
 * The first `width` bytes of `bytes` read as a number of that byte order, in hex (most significant
 * first).
 */
function hexOf(bytes, width, littleEndian) {
  let text = "";
  for (let i = 0; i < width; i++) text += hex(bytes[littleEndian ? width - 1 - i : i]);
  return text;
}

/**
 * The big-endian bytes of `text` typed into the field of `type`; an Error naming the type's range
 * when it is not a value of it (the service cannot check a byte order it does not know).
 */
export function bigEndianBytes(type, text) {
  const t = text.trim();
  const bytes = new Uint8Array(WIDTH[type]);
  const view = new DataView(bytes.buffer);
  if (type === "f32" || type === "f64") {
    const special = { nan: NaN, infinity: Infinity, inf: Infinity, "-infinity": -Infinity, "-inf": -Infinity };
    const key = t.toLowerCase().replace(/^\+/, "");
    const n = key in special ? special[key] : Number(t);
    if (t === "" || (Number.isNaN(n) && !(key in special))) {
      throw new Error(`"${t}" is not a number (${type}: also NaN, Infinity, -Infinity).`);
    }
    if (type === "f32") view.setFloat32(0, n, false);
    else view.setFloat64(0, n, false);
    return bytes;
  }
  let n;
  try {
    n = /^-?(0x[0-9a-f]+|[0-9]+)$/i.test(t) ? (t.startsWith("-") ? -BigInt(t.slice(1)) : BigInt(t)) : null;
  } catch {
    n = null;
  }
  const [low, high] = RANGE[type];
  if (n === null || n < low || n > high) {
    throw new Error(`"${t}" is not a whole number in ${type}'s range ${low} to ${high}.`);
  }
  const bits = BigInt.asUintN(WIDTH[type] * 8, n);
  for (let i = 0; i < bytes.length; i++) {
    bytes[bytes.length - 1 - i] = Number((bits >> BigInt(8 * i)) & 0xffn);
  }
  return bytes;
}
