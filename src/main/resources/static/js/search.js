// The search box: a hex pattern or a typed value, the next match after the cursor or the previous
// one before it, through GET /memories/{id}/search. The match becomes the cursor, on the top row.

import * as api from "./api.js";
import { hexOffset, parseHexBytes } from "./format.js";
import { fieldsOf } from "./dom.js";
import { attempt, messenger } from "./messages.js";

/** Matches read per request when looking backwards. */
const PAGE = 1000;

/** @param {object} page memory(), cursor(), goTo(offset) */
export function bindSearch(page) {
  const form = document.querySelector("#search-form");
  const messages = messenger(form.querySelector(".message"));

  /** The query of the form: a pattern, or a type and value. */
  function query(fields) {
    const text = fields.needle.value.trim();
    if (text === "") throw new Error("Enter bytes in hex, or a value.");
    if (fields.kind.value === "hex") {
      const bytes = parseHexBytes(text);
      return { query: { pattern: [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("") }, length: bytes.length };
    }
    const widths = { i8: 1, u8: 1, i16: 2, u16: 2, i32: 4, u32: 4, i64: 8, u64: 8, f32: 4, f64: 8 };
    return { query: { type: fields.kind.value, value: text }, length: widths[fields.kind.value] };
  }

  async function next() {
    const { id } = page.memory();
    const { query: q } = query(fieldsOf(form));
    const found = await api.search(id, { ...q, from: page.cursor() + 1, limit: 1 });
    if (found.matches.length === 0) throw new Error("No match after the cursor.");
    await show(found.matches[0]);
  }

  async function previous() {
    const { id } = page.memory();
    const { query: q, length } = query(fieldsOf(form));
    const to = Math.min(page.memory().sizeBytes, page.cursor() + length - 1);
    let from = 0;
    let last = null;
    while (true) {
      const found = await api.search(id, { ...q, from, to, limit: PAGE });
      if (found.matches.length > 0) last = found.matches[found.matches.length - 1];
      if (found.next === null) break;
      from = found.next;
    }
    if (last === null) throw new Error("No match before the cursor.");
    await show(last);
  }

  async function show(offset) {
    await page.goTo(offset);
    messages.ok(`Match at ${hexOffset(offset)} (${offset}).`);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    attempt(messages, next);
  });
  form.querySelector("[data-search=previous]").addEventListener("click", () => {
    attempt(messages, previous);
  });
}
