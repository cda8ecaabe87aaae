/**
 * What the playground does, through the typed client, against a live service (WASM_MEMORY_URL):
 * open a memory, page through its hex view, edit bytes and typed values under the tags they were
 * read with, grow, fill, copy from another memory, upload a file, resume a download, and show
 * every problem the service answers with its members. Compiled under tsc --strict, with no casts.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  createMemoryClient,
  fromBase64,
  ProblemError,
  toBase64,
  type MemoryClient,
  type NotModified,
  type Tagged,
  type MemoryInfo,
  type ValueType,
} from "../src/index.js";

const baseUrl = process.env["WASM_MEMORY_URL"];
if (baseUrl === undefined) {
  throw new Error("WASM_MEMORY_URL names the service to test against");
}
const PAGE = 65536;

async function problemOf(call: Promise<unknown>): Promise<ProblemError> {
  try {
    await call;
  } catch (e) {
    if (e instanceof ProblemError) {
      return e;
    }
    throw e;
  }
  assert.fail("the call succeeded");
}

function isNotModified(read: Tagged<MemoryInfo> | NotModified): read is NotModified {
  return "notModified" in read;
}

function ascii(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(text, "ascii"));
}

describe("the playground flow", () => {
  const client: MemoryClient = createMemoryClient(baseUrl);
  let id = "";
  let other = "";

  before(async () => {
    const created = await client.createMemory({ initialPages: 1, maximumPages: 4 });
    id = created.value.id;
    assert.equal(created.value.maximumPages, 4);
    assert.match(created.etag, /^"[^"]+"$/);
    other = (await client.createMemory({ initialPages: 1 })).value.id;
  });

  after(async () => {
    for (const memory of await client.listMemories()) {
      if (memory.id === other) {
        await client.deleteMemory(other);
      }
    }
  });

  it("opens a memory and lists it", async () => {
    const listed = await client.listMemories();
    const mine = listed.find((memory) => memory.id === id);
    assert.ok(mine);
    assert.equal(mine.sizeBytes, PAGE);
    assert.equal(listed.find((memory) => memory.id === other)?.maximumPages, null);

    const opened = await client.getMemory(id);
    assert.ok(!isNotModified(opened));
    assert.equal(opened.value.currentPages, 1);
    const again = await client.getMemory(id, opened.etag);
    assert.ok(isNotModified(again));
    assert.equal(again.etag, opened.etag);
  });

  it("pages through the hex view, reading only the rows on screen", async () => {
    const rows = await client.readHexDump(id, { offset: PAGE - 32, length: 32 });
    assert.equal(
      rows.value,
      "0000ffe0: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n" +
        "0000fff0: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n",
    );
    const raw = await client.readBytes(id, { offset: PAGE - 32, length: 32 });
    assert.notEqual(rows.etag, raw.etag, "each representation has its own tag");
  });

  it("edits a byte under the tag it was read with, and refuses a stale tag", async () => {
    const before = await client.readBytes(id, { offset: 16, length: 1 });
    await client.writeBytes(id, 16, new Uint8Array([0x48]), { ifMatch: before.etag });
    const stale = await problemOf(client.writeBytes(id, 16, new Uint8Array([0x49]), { ifMatch: before.etag }));
    assert.equal(stale.status, 412);
    assert.equal(stale.problem.type, "/problems/precondition-failed");
    assert.equal(stale.problem.memoryId, id);
    assert.deepEqual((await client.readBytes(id, { offset: 16, length: 1 })).value, new Uint8Array([0x48]));
  });

  it("writes a pasted hex string and shows it as every value type at the cursor", async () => {
    await client.writeBytes(id, 32, ascii("Hello, WebAssembly!"));
    const bytes = (await client.readBytesJson(id, { offset: 32, length: 8 })).value;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const expected: Record<ValueType, string> = {
      i8: String(view.getInt8(0)),
      u8: String(view.getUint8(0)),
      i16: String(view.getInt16(0, true)),
      u16: String(view.getUint16(0, true)),
      i32: String(view.getInt32(0, true)),
      u32: String(view.getUint32(0, true)),
      i64: view.getBigInt64(0, true).toString(),
      u64: view.getBigUint64(0, true).toString(),
      f32: String(view.getUint32(0, true)),
      f64: view.getBigUint64(0, true).toString(),
    };
    for (const [type, text] of Object.entries(expected)) {
      const read = await client.readValue(id, typeOf(type), 32);
      const shown = read.value.bits ?? String(read.value.value);
      assert.equal(shown, text, type);
    }
  });

  it("edits a float, keeping a NaN payload through its bits", async () => {
    await client.writeValue(id, "f64", 0, { value: "NaN" });
    assert.equal((await client.readValue(id, "f64", 0)).value.value, "NaN");
    await client.writeValue(id, "f64", 0, { bits: "9221120237041090561" });
    const read = await client.readValue(id, "f64", 0);
    assert.equal(read.value.bits, "9221120237041090561");
    const bad = await problemOf(client.writeValue(id, "u8", 0, { value: 300 }));
    assert.equal(bad.status, 400);
    assert.equal(bad.problem.field, "value");
  });

  it("writes a struct in one batch, reads it back in the same one, and applies nothing of a failing one", async () => {
    const before = await client.readBytes(id, { offset: 0, length: 1 });
    const written = await client.batch(
      id,
      [
        { op: "setValue", type: "u32", offset: 3000, value: 7 },
        { op: "setValue", type: "i64", offset: 3004, value: "-9007199254740993" },
        { op: "setValue", type: "f32", offset: 3012, bits: "2143289345" },
        { op: "set", offset: 3016, data: toBase64(ascii("tag")) },
        { op: "getValue", type: "i64", offset: 3004 },
        { op: "getValue", type: "f32", offset: 3012 },
        { op: "get", offset: 3016, length: 3 },
      ],
      { ifMatch: before.etag },
    );
    const [u32, i64, f32, set, readI64, readF32, readSet] = written.value.results;
    assert.deepEqual([u32, i64, f32, set], [null, null, null, null]);
    assert.deepEqual(readI64, { type: "i64", value: "-9007199254740993" });
    assert.deepEqual(readF32, { type: "f32", value: "NaN", bits: "2143289345" });
    assert.ok(readSet?.data !== undefined);
    assert.equal(Buffer.from(fromBase64(readSet.data)).toString("ascii"), "tag");
    assert.equal(written.etag, `"${written.value.version}"`);
    assert.notEqual(written.etag, before.etag, "one new tag for the whole batch");

    const failing = await problemOf(
      client.batch(id, [
        { op: "fill", offset: 3000, length: 4, value: 0 },
        { op: "getValue", type: "u32", offset: 4294967295 },
      ]),
    );
    assert.equal(failing.status, 422);
    assert.equal(failing.problem.type, "/problems/out-of-bounds");
    assert.equal(failing.problem.index, 1);
    assert.equal((await client.readValue(id, "u32", 3000)).value.value, 7, "nothing of it applied");
  });

  it("grows, and shows the limit it cannot pass", async () => {
    assert.deepEqual(await client.grow(id, 1), { previousPages: 1, currentPages: 2 });
    const refused = await problemOf(client.grow(id, 3));
    assert.equal(refused.status, 422);
    assert.equal(refused.problem.type, "/problems/grow-limit-exceeded");
    assert.equal(refused.problem.currentPages, 2);
    assert.equal(refused.problem.maximumPages, 4);
  });

  it("fills across a page boundary and copies from another memory", async () => {
    await client.fill(id, { offset: PAGE - 6, length: 16, value: 255 });
    assert.deepEqual((await client.readBytes(id, { offset: PAGE - 6, length: 16 })).value, new Uint8Array(16).fill(255));

    await client.writeBytes(other, 0, ascii("from the other memory"));
    await client.copy(id, { sourceMemoryId: other, sourceOffset: 0, destinationOffset: 1000, length: 21 });
    const copied = (await client.readBytes(id, { offset: 1000, length: 21 })).value;
    assert.equal(Buffer.from(copied).toString("ascii"), "from the other memory");

    const overlap = await problemOf(
      client.copy(id, { sourceOffset: 0, destinationOffset: 4, length: 8, nonOverlapping: true }),
    );
    assert.equal(overlap.problem.type, "/problems/regions-overlap");
    assert.equal(overlap.problem.destinationOffset, 4);
  });

  it("uploads a file and resumes a download only while the bytes are the same", async () => {
    const file = new Blob([ascii("uploaded file content")]);
    await client.writeBytes(id, 2000, file);
    const region = { offset: 2000, length: 21 };
    const first = await client.readBytes(id, region, { range: "bytes=0-7" });
    assert.equal(first.contentRange, "bytes 0-7/21");
    assert.equal(Buffer.from(first.value).toString("ascii"), "uploaded");

    const rest = await client.readBytes(id, region, { range: "bytes=8-", ifRange: first.etag });
    assert.equal(Buffer.from(rest.value).toString("ascii"), " file content");

    await client.writeBytes(id, 2000, ascii("U"));
    const changed = await client.readBytes(id, region, { range: "bytes=8-", ifRange: first.etag });
    assert.equal(changed.contentRange, undefined, "a stale If-Range gets the whole region");
    assert.equal(Buffer.from(changed.value).toString("ascii"), "Uploaded file content");
  });

  it("shows an access past the end with the numbers that explain it", async () => {
    const outside = await problemOf(client.readBytes(id, { offset: 4294967295, length: 2 }));
    assert.equal(outside.status, 422);
    assert.equal(outside.problem.type, "/problems/out-of-bounds");
    assert.equal(outside.problem.offset, 4294967295);
    assert.equal(outside.problem.sizeBytes, 2 * PAGE);
    assert.equal(outside.problem.instance, `/memories/${id}/bytes`);
  });

  it("erases, then drops the memory only if it is still as it was read", async () => {
    await client.erase(id);
    const erased = await client.getMemory(id);
    assert.ok(!isNotModified(erased));
    assert.equal(erased.value.currentPages, 2);
    await client.fill(id, { offset: 0, length: 1, value: 1 });
    const stale = await problemOf(client.deleteMemory(id, { ifMatch: erased.etag }));
    assert.equal(stale.status, 412);
    const current = await client.getMemory(id);
    await client.deleteMemory(id, { ifMatch: current.etag });
    const gone = await problemOf(client.getMemory(id));
    assert.equal(gone.status, 404);
    assert.equal(gone.problem.memoryId, id);
  });
});

/** A key of the expected values as the value type it names. */
function typeOf(name: string): ValueType {
  const types: readonly ValueType[] = ["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64"];
  const type = types.find((candidate) => candidate === name);
  if (type === undefined) {
    throw new Error(`not a value type: ${name}`);
  }
  return type;
}
