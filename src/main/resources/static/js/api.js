// A small client for the wasm-memory-service HTTP API, written as an example for anyone building
// their own playground or tool on top of it. It uses nothing but `fetch`, and only the public API
// described in the README and at /swagger-ui.html.
//
// Conventions of the API that this module relies on:
// - Memories live at /memories/{id}; every operation is a plain HTTP request on that resource.
// - Offsets and lengths are unsigned 32-bit numbers (0..4294967295), sent as decimal query
//   parameters or JSON numbers. JavaScript numbers hold them exactly.
// - Bytes travel as `application/octet-stream` in both directions (the API's default), so a
//   read of `length` bytes costs exactly `length` bytes on the wire, whatever the memory's size.
// - i64 and u64 values are decimal strings, because JavaScript numbers lose precision past 2^53.
// - Every error is an RFC 9457 problem detail (`application/problem+json`) with `type`, `title`,
//   `status`, `detail` and members that explain it (`offset`, `sizeBytes`, …). This module turns
//   each one into an `ApiError`, and does the same for network failures, so callers have a single
//   kind of error to show.

/** Thrown for every failed call: an error response of the API, or no response at all. */
export class ApiError extends Error {
  /**
   * @param {object} problem an RFC 9457 problem detail: {type, title, status, detail, ...}
   */
  constructor(problem) {
    super(problem.detail || problem.title || "Request failed");
    this.name = "ApiError";
    /** The problem detail as the server sent it (or as built here for a network failure). */
    this.problem = problem;
    /** The HTTP status, or 0 when the server was never reached. */
    this.status = problem.status || 0;
    this.title = problem.title || "Error";
    this.detail = problem.detail || "";
    this.type = problem.type || "about:blank";
  }
}

/** The value types of WebAssembly memories, in the order the playground shows them. */
export const VALUE_TYPES = ["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64"];

/** The size of a WebAssembly page: memories grow and are sized in whole pages. */
export const PAGE_SIZE = 65536;

/** The most pages a memory can have (4 GiB). */
export const MAX_PAGES = 65536;

/**
 * Sends one request and returns the `Response` when it succeeded (2xx).
 * Throws an `ApiError` for an error status or when the server could not be reached.
 */
async function send(method, path, { query, json, body, contentType, accept, signal } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
  }
  const headers = {};
  if (accept) headers["Accept"] = accept;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (body !== undefined) {
    headers["Content-Type"] = contentType || "application/octet-stream";
  }

  let response;
  try {
    response = await fetch(url, { method, headers, body, signal });
  } catch (error) {
    if (error.name === "AbortError") throw error; // the caller cancelled: not a failure to show
    throw new ApiError({
      type: "about:blank",
      title: "Network error",
      status: 0,
      detail: `The service could not be reached (${method} ${url.pathname}): ${error.message}`,
    });
  }
  if (!response.ok) throw await problemOf(response, method, url);
  return response;
}

/**
 * Reads the problem detail of an error response. Responses that are not problem details (a proxy's
 * HTML error page, say) still become a readable problem built from the status line.
 */
async function problemOf(response, method, url) {
  const type = response.headers.get("Content-Type") || "";
  if (type.includes("json")) {
    try {
      const problem = await response.json();
      if (problem && typeof problem === "object") {
        return new ApiError({ status: response.status, ...problem });
      }
    } catch {
      // not JSON after all: fall through to the generic problem below
    }
  }
  return new ApiError({
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: `${method} ${url.pathname} answered ${response.status} without a problem detail.`,
  });
}

async function sendJson(method, path, options) {
  const response = await send(method, path, { accept: "application/json", ...options });
  return response.json();
}

// ---- memories ----

/** `GET /memories`: every memory, as MemoryInfo objects. */
export async function listMemories() {
  const { memories } = await sendJson("GET", "/memories");
  return memories;
}

/**
 * `POST /memories`: allocates a zeroed memory. `maximumPages` null or undefined means no maximum of
 * its own (the WebAssembly limit of 65536 pages applies).
 * Returns its MemoryInfo: {id, initialPages, maximumPages, currentPages, sizeBytes}.
 */
export function createMemory(initialPages, maximumPages = null) {
  return sendJson("POST", "/memories", { json: { initialPages, maximumPages } });
}

/** `GET /memories/{id}`: the memory's limits and current size. */
export function getMemory(id) {
  return sendJson("GET", memoryPath(id));
}

/** `DELETE /memories/{id}`: drops the memory. */
export async function deleteMemory(id) {
  await send("DELETE", memoryPath(id));
}

// ---- bytes ----

/**
 * `GET /memories/{id}/bytes?offset=&length=` as `application/octet-stream`: `length` bytes from
 * `offset`. Only these bytes are transferred, so a viewer can page through a 4 GiB memory by
 * fetching the window it shows. Pass an AbortSignal to cancel a read that is no longer needed.
 */
export async function readBytes(id, offset, length, signal) {
  const response = await send("GET", `${memoryPath(id)}/bytes`, {
    query: { offset, length },
    accept: "application/octet-stream",
    signal,
  });
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * `PUT /memories/{id}/bytes?offset=` with the bytes as an `application/octet-stream` body.
 * `bytes` may be a Uint8Array, an ArrayBuffer or a Blob (a File from an <input type=file> is sent
 * as it is, without reading it into script memory first).
 */
export async function writeBytes(id, offset, bytes) {
  await send("PUT", `${memoryPath(id)}/bytes`, {
    query: { offset },
    body: bytes,
    contentType: "application/octet-stream",
  });
}

// ---- typed values (little-endian) ----

/**
 * `GET /memories/{id}/values/{type}?offset=`: {type, offset, value} and, for floats, `bits` (the
 * raw bits as an unsigned decimal string). i64/u64 values are decimal strings.
 */
export function getValue(id, type, offset) {
  return sendJson("GET", `${memoryPath(id)}/values/${type}`, { query: { offset } });
}

/**
 * `PUT /memories/{id}/values/{type}?offset=` with {"value": value}. Give i64/u64 as decimal strings
 * and non-finite floats as "NaN", "Infinity" or "-Infinity". A value outside the type's range is
 * refused with a 400, never wrapped.
 */
export async function setValue(id, type, offset, value) {
  await send("PUT", `${memoryPath(id)}/values/${type}`, { query: { offset }, json: { value } });
}

/**
 * `PUT /memories/{id}/values/{type}?offset=` with {"bits": bits}: writes a float from its raw bits
 * (an unsigned decimal string), which keeps what a JSON number cannot: -0 and NaN payloads.
 */
export async function setBits(id, type, offset, bits) {
  await send("PUT", `${memoryPath(id)}/values/${type}`, { query: { offset }, json: { bits } });
}

// ---- batches ----

/**
 * `POST /memories/{id}/batch` {"operations": [...]}: many operations in one request, applied in
 * order under one lock, all or none, with one version step. Each operation is an object named by
 * `op`: {op: "setValue", type, offset, value} (or `bits`), {op: "set", offset, data} (base64),
 * {op: "getValue", type, offset}, {op: "get", offset, length}, {op: "fill", offset, length, value},
 * {op: "copy", sourceOffset, destinationOffset, length, nonOverlapping}, {op: "grow", pages}.
 * Returns {version, results}: one result per operation (null for writes). When one operation fails,
 * nothing is applied and the ApiError's problem has `index`, naming it.
 */
export function batch(id, operations) {
  return sendJson("POST", `${memoryPath(id)}/batch`, { json: { operations } });
}

/** The batch operation that writes `bytes` (a Uint8Array) at `offset`. */
export function setOperation(offset, bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { op: "set", offset, data: btoa(binary) };
}

// ---- operations ----

/** `POST /memories/{id}/grow` {"pages": n}: returns {previousPages, currentPages}. */
export function grow(id, pages) {
  return sendJson("POST", `${memoryPath(id)}/grow`, { json: { pages } });
}

/** `POST /memories/{id}/fill` {"offset", "length", "value"}: sets each byte of the region. */
export async function fill(id, offset, length, value = 0) {
  await send("POST", `${memoryPath(id)}/fill`, { json: { offset, length, value } });
}

/**
 * `POST /memories/{id}/copy`: copies `length` bytes from `sourceOffset` to `destinationOffset` of
 * this memory, or from another memory when `sourceMemoryId` is given. With `nonOverlapping` the
 * service refuses overlapping regions (422 regions-overlap) instead of copying as memmove does.
 */
export async function copy(
  id,
  { sourceOffset, destinationOffset, length, nonOverlapping = false, sourceMemoryId = null },
) {
  const json = { sourceOffset, destinationOffset, length, nonOverlapping };
  if (sourceMemoryId) json.sourceMemoryId = sourceMemoryId;
  await send("POST", `${memoryPath(id)}/copy`, { json });
}

/** `POST /memories/{id}/erase`: sets every byte to 0 and keeps the size. */
export async function erase(id) {
  await send("POST", `${memoryPath(id)}/erase`);
}

// ---- modules and instances ----

/** `POST /modules`: uploads and validates a module binary; answers its ModuleInfo. */
export function uploadModule(bytes) {
  return sendJson("POST", "/modules", { body: bytes, contentType: "application/wasm" });
}

/**
 * `POST /modules/{id}/instances`: `imports` maps `module.name` to a memory id; `wasi` (or null)
 * gives WASI programs their args, env and base64 stdin. Answers InstanceInfo.
 */
export function instantiate(moduleId, imports, wasi = null) {
  const json = wasi ? { imports, wasi } : { imports };
  return sendJson("POST", `/modules/${encodeURIComponent(moduleId)}/instances`, { json });
}

/** `POST /instances/{id}/invoke`: answers `{results:[{type,value,bits?}…]}` (and WASI output). */
export function invoke(instanceId, fn, args) {
  return sendJson("POST", `/instances/${encodeURIComponent(instanceId)}/invoke`, {
    json: { function: fn, args },
  });
}

function memoryPath(id) {
  return `/memories/${encodeURIComponent(id)}`;
}

// ---- snapshots ----

/** `POST /memories/{id}/snapshots`: {id, memoryId, version, currentPages, sizeBytes, createdAt}. */
export function takeSnapshot(id) {
  return sendJson("POST", `${memoryPath(id)}/snapshots`);
}

/** `GET /memories/{id}/snapshots`: the memory's snapshots, oldest first. */
export async function listSnapshots(id) {
  const { snapshots } = await sendJson("GET", `${memoryPath(id)}/snapshots`);
  return snapshots;
}

export async function deleteSnapshot(id, snapshotId) {
  await send("DELETE", `${memoryPath(id)}/snapshots/${encodeURIComponent(snapshotId)}`);
}

/** `POST /memories/{id}/restore`: the memory takes the snapshot's bytes and size back. */
export async function restoreSnapshot(id, snapshotId) {
  await send("POST", `${memoryPath(id)}/restore`, { json: { snapshotId } });
}

/** `GET /memories/{id}/diff`: {ranges: [{offset, length}], changedBytes, …}; `to` null: now. */
export function diff(id, from, to) {
  return sendJson("GET", `${memoryPath(id)}/diff`, { query: to ? { from, to } : { from } });
}

// ---- search and live changes ----

/**
 * `GET /memories/{id}/search`: `{pattern}` (hex) or `{type, value}`, with `align`, `from`, `to`,
 * `limit`: `{matches: [offsets], next}` (`next` null when nothing can follow).
 */
export async function search(id, query) {
  return sendJson("GET", `/memories/${encodeURIComponent(id)}/search`, { query });
}

/**
 * `GET /memories/{id}/events`: an EventSource of the memory's changes (write, grow, erase, delete,
 * reset). The browser reconnects by itself, resuming with Last-Event-ID.
 */
export function events(id) {
  return new EventSource(`/memories/${encodeURIComponent(id)}/events`);
}
