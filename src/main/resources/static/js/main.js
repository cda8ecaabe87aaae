// The playground page: the memories panel and the open memory (info, hex view, inspector).
// Writes and operations are wired in operations.js; every call to the service goes through api.js.

import * as api from "./api.js";
import { formatSize, grouped, hexOffset, parseNumber, wholeNumber } from "./format.js";
import { fieldsOf } from "./dom.js";
import { HexView } from "./hexview.js";
import { Inspector } from "./inspector.js";
import { attempt, messenger } from "./messages.js";
import { bindOperations } from "./operations.js";
import { bindSearch } from "./search.js";
import { bindRunPanel } from "./run.js";
import { bindSnapshots } from "./snapshots.js";

const $ = (selector) => document.querySelector(selector);

/** What the page shows: the memories the service holds, and the one that is open (or null). */
const state = { memories: [], memory: null };

const messages = {
  memories: messenger($("#memories-message")),
  bytes: messenger($("#bytes-message")),
  values: messenger($("#values-message")),
};

const hexView = new HexView($("#hex-view"), {
  rows: 16,
  onCursor: (offset) => cursorMoved(offset),
  onProblem: (error) => messages.bytes.problem(error),
  onWritten: () => inspector.show(hexView.cursor),
  onDone: (text) => messages.bytes.ok(text),
});

const inspector = new Inspector($("#value-rows"), {
  memory: () => state.memory,
  bytesAt: (offset, length) => hexView.bytesAt(offset, length),
  messages: messages.values,
  onWritten: () => hexView.refresh(),
  onInspect: (width) => hexView.setInspected(width),
});

$("#values-big-endian").addEventListener("change", (event) => {
  const big = event.currentTarget.checked;
  $("#values-order").textContent = big ? "Big-endian" : "Little-endian";
  inspector.setLittleEndian(!big);
});

bindSearch({
  memory: () => state.memory,
  cursor: () => hexView.cursor,
  goTo: (offset) => visit(offset),
});

bindOperations({
  memory: () => state.memory,
  memories: () => state.memories,
  cursor: () => hexView.cursor,
  /** Bytes changed: re-read the window (which updates the inspector too). */
  bytesChanged: () => hexView.refresh(),
  /** The size changed (grow): re-read the memory's info, the list and the window. */
  sizeChanged: () => reloadMemory(),
  deleted: (id) => memoryDeleted(id),
});

const snapshots = bindSnapshots({
  memory: () => state.memory,
  cursor: () => hexView.cursor,
  goTo: (offset) => visit(offset),
  markRanges: (ranges) => hexView.markRanges(ranges),
  /** A restore may change the size too: re-read the memory's info, the list and the window. */
  sizeChanged: () => reloadMemory(),
});

bindRunPanel({
  memory: () => state.memory,
  snapshot: () => hexView.snapshot(),
  /** After a call: re-read the memory's info (a grow), then mark what changed in the window. */
  afterCall: async (snapshot) => {
    await reloadMemory();
    return hexView.markChangesSince(snapshot);
  },
});

// ---- the memories panel ----

$("#create-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const fields = fieldsOf(event.currentTarget);
  let created;
  const done = await attempt(messages.memories, async () => {
    const initial = wholeNumber(fields.initialPages.value, "Initial pages");
    const maximumText = fields.maximumPages.value.trim();
    const maximum = maximumText === "" ? null : wholeNumber(maximumText, "Maximum pages");
    created = await api.createMemory(initial, maximum);
  });
  if (!done) return;
  await refreshList();
  if (await openMemory(created.id)) {
    messages.memories.ok(`Created memory ${created.id} (${formatSize(created.sizeBytes)}).`);
  }
});

$("#refresh-list").addEventListener("click", () => refreshList());

// Opening by id works even where the deployment switches listing off (memory.list-enabled).
$("#open-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const id = fieldsOf(event.currentTarget).memoryId.value.trim();
  if (id) openMemory(id);
});

/** True while the service answers GET /memories with 404: listing is switched off there. */
let listingOff = false;

async function refreshList() {
  messages.memories.clear();
  try {
    state.memories = await api.listMemories();
    listingOff = false;
  } catch (error) {
    if (error.status !== 404) {
      messages.memories.problem(error);
      return;
    }
    // Listing is off: keep the memories this page has opened itself.
    listingOff = true;
    if (state.memory) remember(state.memory);
  }
  renderList();
}

/** Where the service does not list memories, the list holds those this page has opened. */
function remember(memory) {
  const others = state.memories.filter((m) => m.id !== memory.id);
  state.memories = [...others, memory];
}

function renderList() {
  const body = $("#memory-list tbody");
  body.replaceChildren();
  if (state.memories.length === 0) {
    const row = body.insertRow();
    const cell = row.insertCell();
    cell.colSpan = 4;
    cell.className = "empty";
    cell.textContent = listingOff
      ? "This service does not list memories: open one by its id."
      : "No memories yet: create one above.";
  }
  $("#listing-note").hidden = !listingOff || state.memories.length === 0;
  for (const memory of state.memories) {
    const row = body.insertRow();
    row.dataset.memoryId = memory.id;
    const isOpen = state.memory !== null && state.memory.id === memory.id;
    if (isOpen) row.setAttribute("aria-current", "true");
    const id = document.createElement("code");
    id.textContent = memory.id;
    id.title = memory.id;
    row.insertCell().append(id);
    row.insertCell().textContent = `${memory.currentPages} / ${maximumText(memory)}`;
    row.insertCell().textContent = formatSize(memory.sizeBytes);
    const actions = row.insertCell();
    actions.className = "actions";
    actions.append(
      button(isOpen ? "Open ✓" : "Open", `Open memory ${memory.id}`, () => openMemory(memory.id)),
      button("Delete", `Delete memory ${memory.id}`, () => deleteMemory(memory.id)),
    );
  }
  renderCopySources();
}

async function deleteMemory(id) {
  const done = await attempt(messages.memories, () => api.deleteMemory(id));
  if (done) await memoryDeleted(id);
}

async function memoryDeleted(id) {
  state.memories = state.memories.filter((m) => m.id !== id);
  if (state.memory && state.memory.id === id) {
    closeMemory();
    $("#memories").focus(); // the button that was pressed may have just been hidden
  }
  await refreshList();
  messages.memories.ok(`Deleted memory ${id}.`);
}

// ---- the open memory ----

/**
 * Opens the memory `id` at `offset`; false when the service refused (the problem is shown). With
 * `record` the address names it (a new history entry when another memory was open).
 */
async function openMemory(id, offset = 0, record = remembered) {
  let memory;
  const done = await attempt(messages.memories, async () => {
    memory = await api.getMemory(id);
  });
  if (!done) return false;
  const opened = state.memory;
  state.memory = memory;
  if (listingOff) remember(memory);
  if (record) record(opened !== null && opened.id !== id, offset);
  // Messages are about the memory that was open before: clear them all.
  for (const region of document.querySelectorAll("#memory .message")) messenger(region).clear();
  renderInfo();
  renderList();
  $("#memory").hidden = false;
  watch(memory.id);
  await hexView.open(memory);
  if (offset > 0 && offset < memory.sizeBytes) await hexView.goTo(offset);
  await snapshots.opened();
  return true;
}

// ---- live changes: another client's writes show as they happen ----

/** The open memory's event stream, or null. */
let live = null;

function watch(id) {
  if (live) live.close();
  live = api.events(id);
  const changed = () => {
    if (state.memory && state.memory.id === id) hexView.refreshChanged();
  };
  for (const kind of ["write", "erase", "restore", "reset"]) live.addEventListener(kind, changed);
  live.addEventListener("grow", () => {
    if (state.memory && state.memory.id === id) reloadMemory();
  });
  live.addEventListener("delete", async () => {
    live.close();
    if (!state.memory || state.memory.id !== id) return; // deleted by this page: already handled
    closeMemory();
    await refreshList();
    messages.memories.ok(`Memory ${id} was deleted.`);
  });
}

function closeMemory() {
  if (live) live.close();
  live = null;
  state.memory = null;
  history.replaceState({ index: historyIndex }, "", location.pathname);
  renderHistoryButtons();
  $("#memory").hidden = true;
  hexView.open(null);
}

async function reloadMemory() {
  const done = await attempt(messages.bytes, async () => {
    state.memory = await api.getMemory(state.memory.id);
  });
  if (!done) return;
  renderInfo();
  await hexView.resize(state.memory);
  await refreshList();
}

function renderInfo() {
  const memory = state.memory;
  $("#memory-id").textContent = memory.id;
  $("#info-size").textContent = `${formatSize(memory.sizeBytes)} (${grouped(memory.sizeBytes)} bytes)`;
  $("#info-current").textContent = grouped(memory.currentPages);
  $("#info-initial").textContent = grouped(memory.initialPages);
  $("#info-maximum").textContent =
    memory.maximumPages === null || memory.maximumPages === undefined
      ? "none (65536 = 4 GiB applies)"
      : `${grouped(memory.maximumPages)} (${formatSize(memory.maximumPages * api.PAGE_SIZE)})`;
}

function cursorMoved(offset) {
  if (!state.memory) return;
  keepOffsetInAddress(offset);
  $("#values-offset").textContent = `${hexOffset(offset)} (${offset})`;
  for (const input of document.querySelectorAll("[data-cursor-default]")) {
    input.placeholder = `cursor ${hexOffset(offset)}`;
  }
  inspector.show(offset);
}

// ---- go to offset ----

$("#goto-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = fieldsOf(event.currentTarget).offset.value;
  let offset;
  const done = await attempt(messages.bytes, async () => {
    offset = wholeNumber(text, "Offset");
    // Ask the service for the byte there: its bounds check, and its problem detail when the
    // offset is past the end, are the ones a program using the API would get.
    await api.readBytes(state.memory.id, offset, 1);
  });
  if (!done) return;
  await visit(offset);
  $("[data-hex-grid]").focus();
});

$("#refresh-bytes").addEventListener("click", async () => {
  messages.bytes.clear();
  await reloadMemory();
});

// ---- helpers ----

function maximumText(memory) {
  return memory.maximumPages === null || memory.maximumPages === undefined
    ? "none"
    : String(memory.maximumPages);
}

function button(text, label, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = text;
  element.setAttribute("aria-label", label);
  element.addEventListener("click", onClick);
  return element;
}

function renderCopySources() {
  const select = $("#copy-form select[name=sourceMemoryId]");
  const chosen = select.value;
  const options = [new Option("this memory", "")];
  for (const memory of state.memories) {
    if (state.memory && memory.id === state.memory.id) continue;
    options.push(new Option(`${memory.id.slice(0, 12)}… (${formatSize(memory.sizeBytes)})`, memory.id));
  }
  select.replaceChildren(...options);
  select.value = options.some((o) => o.value === chosen) ? chosen : "";
}

// ---- address history: the URL names the memory and the offset (/#<id>@0x1a0) ----
//
// A jump (Go to, a search match) is a new history entry; moving the cursor updates the current
// entry's offset. Back and Forward, the buttons or the browser's, return to the offsets visited.

/** This page's place in the history it made: entries carry {index}. */
let historyIndex = 0;
let historyLast = 0;
let addressTimer = null;

function address(id, offset) {
  return `#${encodeURIComponent(id)}@0x${offset.toString(16)}`;
}

/** The memory and offset the address names: {id, offset}, or null. */
function inAddress() {
  const hash = location.hash.slice(1);
  if (!hash) return null;
  const at = hash.lastIndexOf("@");
  const id = decodeURIComponent(at < 0 ? hash : hash.slice(0, at));
  const offset = at < 0 ? 0 : parseNumber(hash.slice(at + 1));
  return { id, offset: Number.isSafeInteger(offset) && offset >= 0 ? offset : 0 };
}

/** Names the open memory at `offset` in the address: a new entry (`push`) or the current one. */
function remembered(push, offset) {
  if (!state.memory) return;
  clearTimeout(addressTimer);
  const url = address(state.memory.id, offset);
  if (push) {
    historyIndex += 1;
    historyLast = historyIndex;
    history.pushState({ index: historyIndex }, "", url);
  } else {
    history.replaceState({ index: historyIndex }, "", url);
  }
  renderHistoryButtons();
}

/** A jump to `offset`: a new history entry, then the view moves there. */
async function visit(offset) {
  if (state.memory && offset !== hexView.cursor) remembered(true, offset);
  await hexView.goTo(offset);
}

/** The cursor moved: the current entry keeps the new offset (once the moving pauses). */
function keepOffsetInAddress(offset) {
  clearTimeout(addressTimer);
  addressTimer = setTimeout(() => {
    const named = inAddress();
    if (state.memory && (!named || named.id !== state.memory.id || named.offset !== offset)) {
      remembered(false, offset);
    }
  }, 200);
}

/** Shows what the address names: another memory, or another offset of the open one. */
async function followAddress() {
  const named = inAddress();
  if (!named) return;
  if (!state.memory || state.memory.id !== named.id) {
    await openMemory(named.id, named.offset, null);
  } else if (named.offset !== hexView.cursor && named.offset < state.memory.sizeBytes) {
    await hexView.goTo(named.offset);
  }
}

function renderHistoryButtons() {
  $("#history-back").disabled = historyIndex <= 0;
  $("#history-forward").disabled = historyIndex >= historyLast;
}

$("#history-back").addEventListener("click", () => history.back());
$("#history-forward").addEventListener("click", () => history.forward());

/** The address a popstate showed: the hashchange that may follow it is the same move. */
let followed = null;

window.addEventListener("popstate", (event) => {
  clearTimeout(addressTimer);
  followed = location.href;
  if (event.state && Number.isInteger(event.state.index)) historyIndex = event.state.index;
  renderHistoryButtons();
  followAddress();
});

// An address typed or linked: a new place in this page's history.
window.addEventListener("hashchange", () => {
  if (location.href === followed) return;
  if (!history.state || !Number.isInteger(history.state.index)) {
    historyIndex = historyLast + 1;
    historyLast = historyIndex;
    history.replaceState({ index: historyIndex }, "", location.href);
    renderHistoryButtons();
  }
  followAddress();
});

(async function start() {
  await refreshList();
  const named = inAddress();
  history.replaceState({ index: 0 }, "", location.href);
  if (named) await openMemory(named.id, named.offset, null);
  renderHistoryButtons();
})();
