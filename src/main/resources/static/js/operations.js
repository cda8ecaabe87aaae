// The forms that change the open memory: write hex or a file, grow, fill, zero, copy, erase,
// delete. Each form has its own live region for the outcome, right beside its button. Numbers are
// parsed here only to turn text into JSON; every limit (bounds, pages, byte values) is checked by
// the service, whose problem detail is shown as it is.

import * as api from "./api.js";
import { formatSize, grouped, hex, hexOffset, parseHexBytes, wholeNumber } from "./format.js";
import { fieldsOf } from "./dom.js";
import { attempt, messenger } from "./messages.js";

/**
 * @param {object} page
 *   memory(): the open MemoryInfo; memories(): all of them; cursor(): the hex view's cursor;
 *   bytesChanged(), sizeChanged(), deleted(id): what to refresh afterwards
 */
export function bindOperations(page) {
  /** An offset field: empty means the cursor. */
  const offsetOf = (input, field = "Offset") =>
    input.value.trim() === "" ? page.cursor() : wholeNumber(input.value, field);

  // Many bytes, one request: a batch of one "set" (all of them or none).
  on("#write-hex-form", "#write-hex-message", async (f, messages) => {
    const offset = offsetOf(f.offset);
    const bytes = parseHexBytes(f.hex.value);
    await api.batch(page.memory().id, [api.setOperation(offset, bytes)]);
    messages.ok(`Wrote ${plural(bytes.length, "byte")} at ${hexOffset(offset)}.`);
    page.bytesChanged();
  });

  on("#upload-form", "#upload-message", async (f, messages) => {
    const offset = offsetOf(f.offset);
    const file = f.file.files[0];
    if (!file) throw new Error("Choose a file to upload.");
    // The File is the request body as it is: the browser streams it, the page never reads it.
    await api.writeBytes(page.memory().id, offset, file);
    messages.ok(`Wrote ${file.name} (${plural(file.size, "byte")}) at ${hexOffset(offset)}.`);
    page.bytesChanged();
  });

  on("#grow-form", null, async (f, messages) => {
    const pages = wholeNumber(f.pages.value, "Pages");
    const { previousPages, currentPages } = await api.grow(page.memory().id, pages);
    messages.ok(
      `Grew from ${grouped(previousPages)} to ${grouped(currentPages)} pages ` +
        `(${formatSize(currentPages * api.PAGE_SIZE)}).`,
    );
    page.sizeChanged();
  });

  on("#fill-form", null, async (f, messages) => {
    const offset = offsetOf(f.offset);
    const length = wholeNumber(f.length.value, "Length");
    const value = wholeNumber(f.value.value, "Byte value");
    await api.fill(page.memory().id, offset, length, value);
    const shown = Number.isInteger(value) && value >= 0 && value <= 255 ? `0x${hex(value)}` : value;
    messages.ok(`Filled ${plural(length, "byte")} at ${hexOffset(offset)} with ${shown}.`);
    page.bytesChanged();
  });

  on("#zero-form", null, async (f, messages) => {
    const offset = offsetOf(f.offset);
    const length = wholeNumber(f.length.value, "Length");
    await api.fill(page.memory().id, offset, length, 0);
    messages.ok(`Zeroed ${plural(length, "byte")} at ${hexOffset(offset)}.`);
    page.bytesChanged();
  });

  on("#copy-form", null, async (f, messages) => {
    const request = {
      sourceMemoryId: f.sourceMemoryId.value || null,
      sourceOffset: wholeNumber(f.sourceOffset.value, "Source offset"),
      destinationOffset: offsetOf(f.destinationOffset, "Destination offset"),
      length: wholeNumber(f.length.value, "Length"),
      nonOverlapping: f.nonOverlapping.checked,
    };
    await api.copy(page.memory().id, request);
    const from = request.sourceMemoryId ? ` of memory ${request.sourceMemoryId}` : "";
    messages.ok(
      `Copied ${plural(request.length, "byte")} from ${hexOffset(request.sourceOffset)}${from} ` +
        `to ${hexOffset(request.destinationOffset)}.`,
    );
    page.bytesChanged();
  });

  on("#erase-form", null, async (f, messages) => {
    await api.erase(page.memory().id);
    messages.ok("Erased: every byte is 0.");
    page.bytesChanged();
  });

  on("#delete-form", null, async () => {
    const { id } = page.memory();
    await api.deleteMemory(id);
    await page.deleted(id);
  });
}

/**
 * Runs `action(fields, messages)` when the form is submitted (button or Enter), showing whatever it
 * throws in the form's message region (`messageSelector`, or the form's own `.message`).
 */
function on(formSelector, messageSelector, action) {
  const form = document.querySelector(formSelector);
  const region = messageSelector
    ? document.querySelector(messageSelector)
    : form.querySelector(".message");
  const messages = messenger(region);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    // aria-busy rather than disabling the button: a disabled button would drop keyboard focus.
    form.setAttribute("aria-busy", "true");
    try {
      await attempt(messages, () => action(fieldsOf(form), messages));
    } finally {
      form.removeAttribute("aria-busy");
    }
  });
}

function plural(n, word) {
  return `${grouped(n)} ${word}${n === 1 ? "" : "s"}`;
}
