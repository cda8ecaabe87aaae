// The hex view: offset column, 16 bytes a row, ASCII column, like a hex editor.
//
// A memory may be 4 GiB, so the view never holds more than the rows it shows: moving through the
// memory (slider, buttons, wheel, keys, go-to) fetches just that window with one ranged read.
// Pages never written cost the service nothing to read, so an empty 4 GiB memory browses as fast as
// a small one. Typing two hex digits on the cursor writes that byte: the bytes typed in a burst go
// to the service together, as one batch request (runs of consecutive bytes as one "set" each).

import * as api from "./api.js";
import { PAGE_SIZE } from "./api.js";
import { formatSize, hexOffset } from "./format.js";
import { BYTES_PER_ROW, HexGrid } from "./hexgrid.js";

/** How long typing may pause before the bytes typed so far are sent. */
const TYPING_PAUSE_MS = 300;

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
   *   onWritten(): a byte typed into the view has been written
   */
  constructor(root, { rows = 16, onCursor, onProblem, onWritten }) {
    this.rows = rows;
    this.onCursor = onCursor;
    this.onProblem = onProblem;
    this.onWritten = onWritten;
    this.memory = null;
    this.top = 0; // offset of the first row shown; a multiple of 16
    this.cursor = 0; // offset of the selected byte
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

  /** Moves the cursor to `offset` and shows its row on top (as far as the memory's end allows). */
  goTo(offset) {
    this.pending = null;
    this.cursor = offset;
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

  /** PageUp/PageDown: the window and the cursor move by one screen. */
  pageBy(delta) {
    if (this.size() === 0) return;
    const top = Math.max(0, Math.min(this.maxTop(), this.top + delta));
    this.pending = null;
    this.cursor = Math.max(0, Math.min(this.size() - 1, this.cursor + (top - this.top || delta)));
    if (top !== this.top) {
      this.top = top;
      this.slider.value = String(top / BYTES_PER_ROW);
      this.scrollToCursor();
      this.load();
    } else {
      this.setCursor(this.cursor);
    }
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
  moveCursor(delta) {
    this.setCursor(this.cursor + delta);
  }

  setCursor(offset) {
    if (this.size() === 0) return;
    this.pending = null;
    this.cursor = Math.max(0, Math.min(this.size() - 1, offset));
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

  // ---- DOM ----

  bindEvents(root) {
    const grid = this.gridElement;
    grid.addEventListener("click", (event) => {
      const target = event.target.closest("[data-index]");
      if (!target || !this.memory) return;
      const offset = this.top + Number(target.dataset.index);
      if (offset < this.size()) this.setCursor(offset);
      grid.focus();
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
    const keys = {
      ArrowLeft: () => this.moveCursor(-1),
      ArrowRight: () => this.moveCursor(1),
      ArrowUp: () => this.moveCursor(-BYTES_PER_ROW),
      ArrowDown: () => this.moveCursor(BYTES_PER_ROW),
      PageUp: () => this.pageBy(-screen),
      PageDown: () => this.pageBy(screen),
      Home: () => (event.ctrlKey ? this.setCursor(0) : this.moveCursor(-column)),
      End: () =>
        event.ctrlKey
          ? this.setCursor(this.size() - 1)
          : this.moveCursor(BYTES_PER_ROW - 1 - column),
      Escape: () => {
        this.pending = null;
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
    this.status.textContent =
      `Cursor ${hexOffset(this.cursor)} (${this.cursor}) in page ${Math.floor(this.cursor / PAGE_SIZE)}` +
      ` · showing ${hexOffset(this.top)}–${hexOffset(last)} of ${formatSize(size)}${typing}`;
  }
}
