// The hex view: offset column, 16 bytes a row, ASCII column, like a hex editor.
//
// A memory may be 4 GiB, so the view never holds more than the rows it shows: moving through the
// memory (slider, buttons, wheel, keys, go-to) fetches just that window with one ranged read.
// Pages never written cost the service nothing to read, so an empty 4 GiB memory browses as fast as
// a small one. Typing two hex digits on the cursor writes that byte: the bytes typed in a burst go
// to the service together, as one batch request (runs of consecutive bytes as one "set" each).
//
// A selection runs from an anchor to the cursor (mouse drag, Shift+click, Shift with the moving
// keys). Ctrl+C copies it as hex, Ctrl+V writes the hex pasted at the cursor as one batch, and
// the download button saves it as a file.

import * as api from "./api.js";
import { clearAll } from "./messages.js";
import { PAGE_SIZE } from "./api.js";
import { formatSize, hex, hexOffset, parseHexBytes } from "./format.js";
import { BYTES_PER_ROW, HexGrid } from "./hexgrid.js";

/** How long typing may pause before the bytes typed so far are sent. */
const TYPING_PAUSE_MS = 300;

/** The most bytes Ctrl+C puts on the clipboard (as hex text, three characters a byte). */
const MAX_COPY = 1 << 20;

/** The most bytes a download holds (the page builds the file in memory). */
const MAX_DOWNLOAD = 64 << 20;

/** Bytes as hex text, two digits each, space-separated: what Ctrl+C copies and Ctrl+V reads. */
export function hexText(bytes) {
  return Array.from(bytes, (b) => hex(b)).join(" ");
}

/**
 * The typed bytes grouped by memory, each memory's as runs {offset, bytes} of consecutive offsets
 * in typing order (a later byte at the same offset, in a later run, wins: a batch runs in order).
 */
function runsByMemory(typed) {
  const byMemory = new Map();
  for (const { id, offset, value } of typed) {
    if (!byMemory.has(id)) byMemory.set(id, []);
    const runs = byMemory.get(id);
    const last = runs[runs.length - 1];
    if (last && last.offset + last.bytes.length === offset) last.bytes.push(value);
    else runs.push({ offset, bytes: [value] });
  }
  return byMemory;
}

export class HexView {
  /**
   * @param {HTMLElement} root the element holding the grid, slider, buttons and status line
   * @param {object} callbacks
   *   onCursor(offset): the cursor moved (or the bytes under it changed)
   *   onProblem(error): a read or write failed; show it
   *   onWritten(): bytes typed or pasted into the view have been written
   *   onDone(text): a copy, paste or download was done; say so
   */
  constructor(root, { rows = 16, onCursor, onProblem, onWritten, onDone }) {
    this.rows = rows;
    this.onCursor = onCursor;
    this.onProblem = onProblem;
    this.onWritten = onWritten;
    this.onDone = onDone;
    this.memory = null;
    this.top = 0; // offset of the first row shown; a multiple of 16
    this.cursor = 0; // offset of the selected byte
    this.anchor = 0; // where the selection starts; it runs to the cursor
    this.inspectedWidth = 0; // bytes from the cursor of the value the inspector points at
    this.dragging = false;
    this.pending = null; // the first hex digit typed at the cursor, waiting for the second
    this.data = new Uint8Array(0); // the bytes of the window, fetched from `top`
    this.dataOffset = -1;
    this.reading = null; // AbortController of the window read in flight
    this.writes = Promise.resolve(); // byte writes run one after another, in typing order
    this.typed = []; // {id, offset, value} typed but not yet sent, in typing order
    this.flushTimer = null; // sends `typed` when typing pauses

    this.gridElement = root.querySelector("[data-hex-grid]");
    this.grid = new HexGrid(this.gridElement, rows);
    this.slider = root.querySelector("[data-hex-slider]");
    this.status = root.querySelector("[data-hex-status]");
    this.bindEvents(root);
    this.render();
  }

  // ---- public ----

  /** Shows `memory` (a MemoryInfo) from offset 0, or nothing when null. */
  open(memory) {
    this.flushTyped();
    this.memory = memory;
    this.top = 0;
    this.cursor = 0;
    this.anchor = 0;
    this.pending = null;
    this.data = new Uint8Array(0);
    this.dataOffset = -1;
    this.updateSlider();
    return this.load();
  }

  /** Takes a new MemoryInfo of the open memory (after grow) and re-reads the window. */
  resize(memory) {
    this.memory = memory;
    this.updateSlider();
    return this.load();
  }

  /** Re-reads the window, e.g. after an operation changed bytes. */
  refresh() {
    this.changed = null;
    return this.load();
  }

  /** What the window shows now, to compare with after a run ({@link markChangesSince}). */
  snapshot() {
    return { top: this.top, data: this.dataOffset === this.top ? this.data.slice() : null };
  }

  /**
   * Re-reads the window and highlights the bytes that differ from `snapshot` (bytes past its end,
   * after a grow, count as changed when they are not zero). Answers how many changed.
   */
  async markChangesSince(snapshot) {
    await this.load();
    const changed = new Set();
    if (snapshot.data && snapshot.top === this.top && this.dataOffset === this.top) {
      for (let i = 0; i < this.data.length; i++) {
        const before = i < snapshot.data.length ? snapshot.data[i] : 0;
        if (before !== this.data[i]) changed.add(this.top + i);
      }
    }
    this.changed = changed;
    this.render();
    return changed.size;
  }

  /** Highlights the bytes of `ranges` ({offset, length}, ascending), as a diff shows them. */
  markRanges(ranges) {
    this.changed = {
      has(at) {
        let low = 0;
        let high = ranges.length - 1;
        while (low <= high) {
          const mid = (low + high) >> 1;
          const r = ranges[mid];
          if (at < r.offset) high = mid - 1;
          else if (at >= r.offset + r.length) low = mid + 1;
          else return true;
        }
        return false;
      },
    };
    this.render();
  }

  /** Moves the cursor to `offset` and shows its row on top (as far as the memory's end allows). */
  goTo(offset) {
    this.pending = null;
    this.cursor = offset;
    this.anchor = offset;
    this.top = Math.max(0, Math.min(this.maxTop(), offset - (offset % BYTES_PER_ROW)));
    this.slider.value = String(this.top / BYTES_PER_ROW);
    return this.load();
  }

  /**
   * Re-reads the window after another client changed bytes: the bytes that differ from those shown
   * flash briefly.
   */
  async refreshChanged() {
    const before = this.data;
    const beforeOffset = this.dataOffset;
    await this.load();
    if (beforeOffset !== this.dataOffset) return;
    const cells = this.gridElement.querySelectorAll("[data-index]");
    for (const cell of cells) {
      if (!cell.id) continue;
      const i = Number(cell.dataset.index);
      if (i < this.data.length && (i >= before.length || before[i] !== this.data[i])) {
        cell.classList.remove("flash");
        void cell.offsetWidth; // restart the animation
        cell.classList.add("flash");
        setTimeout(() => cell.classList.remove("flash"), 1500);
      }
    }
  }

  /** PageUp/PageDown: the window and the cursor move by one screen (Shift: the selection grows). */
  pageBy(delta, extend = false) {
    if (this.size() === 0) return;
    const top = Math.max(0, Math.min(this.maxTop(), this.top + delta));
    this.pending = null;
    this.cursor = Math.max(0, Math.min(this.size() - 1, this.cursor + (top - this.top || delta)));
    if (!extend) this.anchor = this.cursor;
    if (top !== this.top) {
      this.top = top;
      this.slider.value = String(top / BYTES_PER_ROW);
      this.scrollToCursor();
      this.load();
    } else {
      this.setCursor(this.cursor, extend);
    }
  }

  /** The selected bytes, {start, end} inclusive (the cursor's byte alone when nothing more). */
  selection() {
    return { start: Math.min(this.anchor, this.cursor), end: Math.max(this.anchor, this.cursor) };
  }

  /** The inspector points at `width` bytes from the cursor (0: none): they are highlighted. */
  setInspected(width) {
    this.inspectedWidth = width;
    this.render();
  }

  /**
   * Up to `length` bytes from `offset` (fewer at the end of the memory): from the window when it
   * holds them, otherwise read from the service.
   */
  async bytesAt(offset, length) {
    if (!this.memory) return new Uint8Array(0);
    const size = this.size();
    const n = Math.max(0, Math.min(length, size - offset));
    const start = offset - this.dataOffset;
    if (this.dataOffset >= 0 && start >= 0 && start + n <= this.data.length) {
      return this.data.slice(start, start + n);
    }
    await this.flushTyped();
    return api.readBytes(this.memory.id, offset, n);
  }

  size() {
    return this.memory ? this.memory.sizeBytes : 0;
  }

  // ---- reading the window ----

  async load() {
    if (this.reading) this.reading.abort();
    if (!this.memory || this.size() === 0) {
      this.data = new Uint8Array(0);
      this.dataOffset = this.top;
      this.render();
      this.onCursor(this.cursor);
      return;
    }
    const reading = new AbortController();
    this.reading = reading;
    const { id } = this.memory;
    const top = this.top;
    const length = Math.min(this.rows * BYTES_PER_ROW, this.size() - top);
    try {
      await this.flushTyped(); // a read must not overtake bytes still being written
      const data = await api.readBytes(id, top, length, reading.signal);
      if (this.reading !== reading) return; // a newer read replaced this one
      this.data = data;
      this.dataOffset = top;
      this.render();
      this.onCursor(this.cursor);
    } catch (error) {
      if (error.name !== "AbortError") this.onProblem(error);
    } finally {
      if (this.reading === reading) this.reading = null;
    }
  }

  // ---- moving ----

  maxTop() {
    const rows = Math.ceil(this.size() / BYTES_PER_ROW);
    return Math.max(0, rows - this.rows) * BYTES_PER_ROW;
  }

  scrollTo(top) {
    const clamped = Math.max(0, Math.min(this.maxTop(), top - (top % BYTES_PER_ROW)));
    if (clamped === this.top) return;
    this.top = clamped;
    this.slider.value = String(clamped / BYTES_PER_ROW);
    this.load();
  }

  /** Moves the cursor by `delta` bytes, clamped to the memory, and keeps it visible. */
  moveCursor(delta, extend = false) {
    this.setCursor(this.cursor + delta, extend);
  }

  /** Moves the cursor; with `extend` the selection's anchor stays, else it follows the cursor. */
  setCursor(offset, extend = false) {
    if (this.size() === 0) return;
    this.pending = null;
    this.cursor = Math.max(0, Math.min(this.size() - 1, offset));
    if (!extend) this.anchor = this.cursor;
    if (!this.scrollToCursor()) {
      this.render();
      this.onCursor(this.cursor);
    }
  }

  /** Scrolls so the cursor's row is visible; true when that started a read of a new window. */
  scrollToCursor() {
    const row = this.cursor - (this.cursor % BYTES_PER_ROW);
    const windowBytes = this.rows * BYTES_PER_ROW;
    let top = this.top;
    if (row < top) top = row;
    else if (row >= top + windowBytes) top = row - windowBytes + BYTES_PER_ROW;
    top = Math.max(0, Math.min(this.maxTop(), top));
    if (top === this.top) return false;
    this.top = top;
    this.slider.value = String(top / BYTES_PER_ROW);
    this.load();
    return true;
  }

  // ---- editing ----

  /** Takes one typed hex digit: the first is held, the second writes the byte and moves on. */
  typeDigit(digit) {
    if (this.size() === 0) return;
    this.scrollToCursor(); // the cursor may have been scrolled out of sight
    if (this.pending === null) {
      this.pending = digit;
      this.render();
      return;
    }
    const value = parseInt(this.pending + digit, 16);
    const offset = this.cursor;
    this.pending = null;
    const local = offset - this.dataOffset;
    if (local >= 0 && local < this.data.length) this.data[local] = value; // show it at once
    this.typed.push({ id: this.memory.id, offset, value });
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => this.flushTyped(), TYPING_PAUSE_MS);
    if (this.cursor < this.size() - 1) this.moveCursor(1);
    else {
      this.render();
      this.onCursor(this.cursor);
    }
  }

  /**
   * Sends the bytes typed so far as one batch (after the writes before them), and returns the
   * promise of all writes; a failed batch changed nothing, so the window is read again to show it.
   */
  flushTyped() {
    clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const typed = this.typed;
    this.typed = [];
    for (const [id, runs] of runsByMemory(typed)) {
      const operations = runs.map((run) => api.setOperation(run.offset, Uint8Array.from(run.bytes)));
      this.writes = this.writes
        .then(() => api.batch(id, operations))
        .then(
          () => this.onWritten(),
          (error) => {
            this.onProblem(error);
            this.load(); // show what the memory really holds
          },
        );
    }
    return this.writes;
  }

  // ---- the selection: copy, paste, download ----

  /** Ctrl+C: the selection as hex text; false when it is too large (the problem is shown). */
  async copySelection(clipboardData) {
    const { start, end } = this.selection();
    const length = end - start + 1;
    if (length > MAX_COPY) {
      this.onProblem(
        new Error(`The selection is ${formatSize(length)}: Ctrl+C copies at most 1 MiB. Download it instead.`),
      );
      return;
    }
    const inWindow = start >= this.dataOffset && end < this.dataOffset + this.data.length;
    if (inWindow && clipboardData) {
      const local = start - this.dataOffset;
      clipboardData.setData("text/plain", hexText(this.data.subarray(local, local + length)));
    } else {
      const bytes = await this.bytesAt(start, length);
      await navigator.clipboard.writeText(hexText(bytes));
    }
    this.onDone(`Copied ${length} byte${length === 1 ? "" : "s"} (${hexOffset(start)}–${hexOffset(end)}) as hex.`);
  }

  /** Ctrl+V: the hex pasted, written at the cursor as one batch; then it is the selection. */
  async paste(text) {
    const bytes = parseHexBytes(text.trim());
    if (bytes.length === 0) throw new Error("Nothing to paste: the clipboard holds no hex bytes.");
    const { id } = this.memory;
    const offset = this.cursor;
    await this.flushTyped();
    await api.batch(id, [api.setOperation(offset, bytes)]);
    this.anchor = offset;
    this.cursor = Math.min(this.size() - 1, offset + bytes.length - 1);
    if (!this.scrollToCursor()) await this.load();
    this.onWritten();
    this.onDone(`Pasted ${bytes.length} byte${bytes.length === 1 ? "" : "s"} at ${hexOffset(offset)}.`);
  }

  /** Saves the selection as a file named after the memory and the region. */
  async downloadSelection() {
    if (!this.memory || this.size() === 0) return;
    const { start, end } = this.selection();
    const length = end - start + 1;
    if (length > MAX_DOWNLOAD) {
      throw new Error(`The selection is ${formatSize(length)}: a download holds at most 64 MiB.`);
    }
    const bytes = await this.bytesAt(start, length);
    const name = `memory-${this.memory.id.slice(0, 8)}-${hex(start, 8)}-${hex(end, 8)}.bin`;
    const url = URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    this.onDone(`Downloaded ${length} byte${length === 1 ? "" : "s"} as ${name}.`);
  }

  // ---- DOM ----

  bindEvents(root) {
    const grid = this.gridElement;
    const offsetAt = (event) => {
      const target = event.target.closest("[data-index]");
      if (!target || !this.memory) return -1;
      const offset = this.top + Number(target.dataset.index);
      return offset < this.size() ? offset : -1;
    };
    // Press, drag, release: the bytes from where the press was to where the pointer is. Shift
    // with a press extends the selection there.
    grid.addEventListener("mousedown", (event) => {
      if (event.button !== 0) return;
      const offset = offsetAt(event);
      if (offset < 0) return;
      event.preventDefault(); // no text selection; the grid takes the focus below
      this.dragging = true;
      this.setCursor(offset, event.shiftKey);
      grid.focus();
    });
    // Only while the button is down: Chrome also sends mouseover when the page moves under a
    // pointer at rest, and a release outside the window never reaches the page.
    grid.addEventListener("mouseover", (event) => {
      if (!(event.buttons & 1)) this.dragging = false;
      if (!this.dragging) return;
      const offset = offsetAt(event);
      if (offset >= 0 && offset !== this.cursor) this.setCursor(offset, true);
    });
    document.addEventListener("mouseup", () => (this.dragging = false));
    // Clipboard events come to the document; they are the grid's while it has the focus.
    document.addEventListener("copy", (event) => {
      if (document.activeElement !== grid || !this.memory || this.size() === 0) return;
      event.preventDefault();
      clearAll();
      this.copySelection(event.clipboardData).catch((error) => this.onProblem(error));
    });
    document.addEventListener("paste", (event) => {
      if (document.activeElement !== grid || !this.memory || this.size() === 0) return;
      event.preventDefault();
      clearAll();
      const text = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
      this.paste(text).catch((error) => {
        this.onProblem(error);
        this.load();
      });
    });
    root.querySelector("[data-hex-download]").addEventListener("click", () => {
      this.downloadSelection().catch((error) => this.onProblem(error));
    });
    grid.addEventListener("keydown", (event) => this.onKey(event));
    grid.addEventListener(
      "wheel",
      (event) => {
        if (!this.memory || event.deltaY === 0) return;
        event.preventDefault();
        this.scrollTo(this.top + Math.sign(event.deltaY) * 3 * BYTES_PER_ROW);
      },
      { passive: false },
    );
    this.slider.addEventListener("input", () => {
      this.scrollTo(Number(this.slider.value) * BYTES_PER_ROW);
    });
    root.querySelectorAll("[data-hex-jump]").forEach((button) => {
      button.addEventListener("click", () => this.jump(button.dataset.hexJump));
    });
  }

  jump(kind) {
    const screen = this.rows * BYTES_PER_ROW;
    const moves = {
      start: () => this.setCursor(0),
      "page-back": () => this.setCursor(this.cursor - PAGE_SIZE),
      "screen-back": () => this.setCursor(this.cursor - screen),
      "screen-forward": () => this.setCursor(this.cursor + screen),
      "page-forward": () => this.setCursor(this.cursor + PAGE_SIZE),
      end: () => this.setCursor(this.size() - 1),
    };
    moves[kind]();
  }

  onKey(event) {
    if (!this.memory || event.altKey || event.metaKey) return;
    const screen = this.rows * BYTES_PER_ROW;
    const column = this.cursor % BYTES_PER_ROW;
    const extend = event.shiftKey; // Shift with a moving key grows the selection
    const keys = {
      ArrowLeft: () => this.moveCursor(-1, extend),
      ArrowRight: () => this.moveCursor(1, extend),
      ArrowUp: () => this.moveCursor(-BYTES_PER_ROW, extend),
      ArrowDown: () => this.moveCursor(BYTES_PER_ROW, extend),
      PageUp: () => this.pageBy(-screen, extend),
      PageDown: () => this.pageBy(screen, extend),
      Home: () => (event.ctrlKey ? this.setCursor(0, extend) : this.moveCursor(-column, extend)),
      End: () =>
        event.ctrlKey
          ? this.setCursor(this.size() - 1, extend)
          : this.moveCursor(BYTES_PER_ROW - 1 - column, extend),
      Escape: () => {
        this.pending = null;
        this.anchor = this.cursor;
        this.render();
      },
    };
    if (keys[event.key]) {
      event.preventDefault();
      keys[event.key]();
    } else if (!event.ctrlKey && /^[0-9a-fA-F]$/.test(event.key)) {
      event.preventDefault();
      this.typeDigit(event.key.toUpperCase());
    }
  }

  updateSlider() {
    const max = this.maxTop() / BYTES_PER_ROW;
    this.slider.max = String(max);
    this.slider.value = String(this.top / BYTES_PER_ROW);
    this.slider.disabled = max === 0;
  }

  render() {
    this.grid.render({
      size: this.memory ? this.size() : -1,
      top: this.top,
      cursor: this.cursor,
      pending: this.pending,
      data: this.dataOffset === this.top ? this.data : null,
      changed: this.changed || null,
      selection: this.anchor !== this.cursor ? this.selection() : null,
      inspected:
        this.inspectedWidth > 0
          ? { start: this.cursor, end: Math.min(this.size(), this.cursor + this.inspectedWidth) - 1 }
          : null,
    });
    this.renderStatus();
  }

  renderStatus() {
    if (!this.memory) {
      this.status.textContent = "No memory open.";
      return;
    }
    const size = this.size();
    if (size === 0) {
      this.status.textContent = "This memory has 0 pages: nothing to show until it grows.";
      return;
    }
    const last = Math.min(size, this.top + this.rows * BYTES_PER_ROW) - 1;
    const typing = this.pending !== null ? ` · typing ${this.pending}_ (Esc cancels)` : "";
    const { start, end } = this.selection();
    const selected =
      end > start ? ` · selected ${hexOffset(start)}–${hexOffset(end)} (${end - start + 1} bytes)` : "";
    this.status.textContent =
      `Cursor ${hexOffset(this.cursor)} (${this.cursor}) in page ${Math.floor(this.cursor / PAGE_SIZE)}` +
      ` · showing ${hexOffset(this.top)}–${hexOffset(last)} of ${formatSize(size)}${selected}${typing}`;
  }
}
