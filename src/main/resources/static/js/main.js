// The playground page: the memories panel and the open memory (info, hex view, inspector).
// Writes and operations are wired in operations.js; every call to the service goes through api.js.

import * as api from "./api.js";
import { formatSize, grouped, hexOffset, wholeNumber } from "./format.js";
import { fieldsOf } from "./dom.js";
import { HexView } from "./hexview.js";
import { Inspector } from "./inspector.js";
import { attempt, messenger } from "./messages.js";
import { bindOperations } from "./operations.js";
import { bindSearch } from "./search.js";
import { bindRunPanel } from "./run.js";

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
});

const inspector = new Inspector($("#value-rows"), {
  memory: () => state.memory,
  bytesAt: (offset, length) => hexView.bytesAt(offset, length),
  messages: messages.values,
  onWritten: () => hexView.refresh(),
});

bindSearch({
  memory: () => state.memory,
  cursor: () => hexView.cursor,
  goTo: (offset) => hexView.goTo(offset),
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

/** Opens the memory `id`; false when the service refused (the problem is shown). */
async function openMemory(id) {
  let memory;
  const done = await attempt(messages.memories, async () => {
    memory = await api.getMemory(id);
  });
  if (!done) return false;
  state.memory = memory;
  if (listingOff) remember(memory);
  history.replaceState(null, "", `#${encodeURIComponent(id)}`);
  // Messages are about the memory that was open before: clear them all.
  for (const region of document.querySelectorAll("#memory .message")) messenger(region).clear();
  renderInfo();
  renderList();
  $("#memory").hidden = false;
  watch(memory.id);
  await hexView.open(memory);
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
  history.replaceState(null, "", location.pathname);
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
  await hexView.goTo(offset);
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

// ---- start ----

/** The memory named in the address (`/#<id>`), so a memory can be linked to and reloaded. */
function memoryInAddress() {
  return decodeURIComponent(location.hash.slice(1));
}

window.addEventListener("hashchange", () => {
  const id = memoryInAddress();
  if (id && (!state.memory || state.memory.id !== id)) openMemory(id);
});

(async function start() {
  await refreshList();
  const id = memoryInAddress();
  if (id) await openMemory(id);
})();
