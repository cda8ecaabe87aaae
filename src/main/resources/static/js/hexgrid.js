// The DOM of the hex view: a fixed grid of rows × 16 byte cells plus an ASCII column, built once
// and refilled on every render. It knows nothing of the API; HexView tells it what to show.

import { asciiOf, hex, hexOffset } from "./format.js";

export const BYTES_PER_ROW = 16;

export class HexGrid {
  /** Builds `rows` rows (and a header) inside `element`, which carries role="grid". */
  constructor(element, rows) {
    this.element = element;
    this.rows = [];
    element.append(headerRow());
    for (let r = 0; r < rows; r++) {
      const built = byteRow(r);
      element.append(built.element);
      this.rows.push(built);
    }
  }

  /**
   * Fills the grid.
   * @param {object} view
   *   size: the memory's size in bytes, or -1 when no memory is open;
   *   top: offset of the first row; cursor: offset of the selected byte;
   *   pending: a half-typed hex digit at the cursor, or null;
   *   data: the bytes from `top`, or null while they are being read;
   *   changed: offsets to highlight as changed by the last run (a Set), or null;
   *   selection: {start, end} (inclusive) of the selected bytes, or null for none beyond the cursor;
   *   inspected: {start, end} (inclusive) of the value the inspector points at, or null
   */
  render({ size, top, cursor, pending, data, changed, selection = null, inspected = null }) {
    const within = (range, at) => range !== null && at >= range.start && at <= range.end;
    let active = null;
    this.rows.forEach(({ element, offset, bytes, chars }, r) => {
      const rowOffset = top + r * BYTES_PER_ROW;
      const inMemory = rowOffset < size;
      element.hidden = !inMemory && r > 0;
      offset.textContent = inMemory ? hex(rowOffset, 8) : "";
      for (let i = 0; i < BYTES_PER_ROW; i++) {
        const at = rowOffset + i;
        const local = r * BYTES_PER_ROW + i;
        const known = data !== null && at < size && local < data.length;
        const value = known ? data[local] : 0;
        const isCursor = inMemory && at === cursor;
        const typing = isCursor && pending !== null;
        const b = bytes[i];
        b.textContent = !known ? "" : typing ? pending + "_" : hex(value);
        b.classList.toggle("zero", known && value === 0);
        b.classList.toggle("cursor", isCursor);
        b.classList.toggle("pending", typing);
        b.classList.toggle("changed", known && changed !== null && changed.has(at));
        b.classList.toggle("selected", inMemory && within(selection, at));
        b.classList.toggle("inspected", inMemory && within(inspected, at));
        chars[i].classList.toggle("selected", inMemory && within(selection, at));
        b.setAttribute("aria-selected", String(isCursor));
        b.removeAttribute("aria-label");
        chars[i].textContent = known ? asciiOf(value) : "";
        chars[i].classList.toggle("cursor", isCursor);
        if (isCursor) {
          active = b;
          if (known) b.setAttribute("aria-label", `${hexOffset(at)}: ${hex(value)} ${asciiOf(value)}`);
        }
      }
    });
    if (active) this.element.setAttribute("aria-activedescendant", active.id);
    else this.element.removeAttribute("aria-activedescendant");
  }
}

function headerRow() {
  const header = row("hex-header");
  header.append(cell("columnheader", "offset", "Offset"));
  for (let i = 0; i < BYTES_PER_ROW; i++) {
    header.append(cell("columnheader", "byte" + (i === 8 ? " gap" : ""), hex(i)));
  }
  // The ASCII column repeats the bytes for the eye; screen readers get them from the cells.
  const asciiHead = document.createElement("span");
  asciiHead.className = "ascii-head";
  asciiHead.setAttribute("aria-hidden", "true");
  asciiHead.textContent = "ASCII";
  header.append(asciiHead);
  return header;
}

/** Row `r`: an offset cell, 16 byte cells (ids hex-byte-N) and the ASCII column. */
function byteRow(r) {
  const element = row("hex-row");
  const offset = cell("rowheader", "offset", "");
  const bytes = [];
  const chars = [];
  const ascii = document.createElement("span");
  ascii.className = "ascii";
  ascii.setAttribute("aria-hidden", "true");
  for (let i = 0; i < BYTES_PER_ROW; i++) {
    const index = String(r * BYTES_PER_ROW + i);
    const b = cell("gridcell", "byte" + (i === 8 ? " gap" : ""), "");
    b.id = `hex-byte-${index}`;
    b.dataset.index = index;
    bytes.push(b);
    const c = document.createElement("span");
    c.className = "char";
    c.dataset.index = index;
    chars.push(c);
  }
  ascii.append(...chars);
  element.append(offset, ...bytes, ascii);
  return { element, offset, bytes, chars };
}

function row(className) {
  const element = document.createElement("div");
  element.className = className;
  element.setAttribute("role", "row");
  return element;
}

function cell(role, className, text) {
  const element = document.createElement("span");
  element.className = className;
  element.setAttribute("role", role);
  element.textContent = text;
  return element;
}
