/**
 * A typed client of wasm-memory-service for playground authors, on the types that
 * openapi-typescript generates from the service's OpenAPI document (src/generated/schema.ts) and on
 * openapi-fetch. What it adds: raw bytes as Uint8Array (and Blob uploads), entity tags beside the
 * values they belong to, and every error as a ProblemError whose problem has the members the
 * service sends, typed.
 */
import createClient from "openapi-fetch";
import type { components, operations, paths } from "./generated/schema.js";

export type MemoryInfo = components["schemas"]["MemoryInfo"];
export type CreateMemoryRequest = components["schemas"]["CreateMemoryRequest"];
export type GrowResponse = components["schemas"]["GrowResponse"];
export type FillRequest = components["schemas"]["FillRequest"];
export type CopyRequest = components["schemas"]["CopyRequest"];
export type ValueResponse = components["schemas"]["ValueResponse"];
export type ValueWriteRequest = components["schemas"]["ValueWriteRequest"];
export type Problem = components["schemas"]["Problem"];
export type BatchRequest = components["schemas"]["BatchRequest"];
export type BatchOperation = BatchRequest["operations"][number];
export type BatchResponse = components["schemas"]["BatchResponse"];
export type ValueType = operations["readValue"]["parameters"]["path"]["type"];

/** A value with the entity tag it was read with: send it back as ifMatch or ifNoneMatch. */
export interface Tagged<T> {
  readonly value: T;
  readonly etag: string;
}

/** The answer to a read with ifNoneMatch naming the current tag. */
export interface NotModified {
  readonly notModified: true;
  readonly etag: string;
}

/** Bytes of a raw read, and which part of the selected region they are (a Range). */
export interface RawBytes extends Tagged<Uint8Array> {
  /** The Content-Range of a 206, e.g. "bytes 0-15/65536"; absent for the whole region. */
  readonly contentRange?: string;
}

export interface Region {
  readonly offset?: number;
  readonly length?: number;
}

export interface Conditional {
  /** Apply only while the memory still has this entity tag (else 412 precondition-failed). */
  readonly ifMatch?: string;
}

/** An error answer: its status and the RFC 9457 problem detail the service sent. */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(`${problem.title} (${status}): ${problem.detail}`);
    this.name = "ProblemError";
    this.status = status;
    this.problem = problem;
  }
}

/** What openapi-fetch answers; error is a Problem, as the document says of every error. */
interface Answer<T> {
  readonly data?: T;
  readonly error?: Problem | undefined;
  readonly response: Response;
}

function ok<T>(answer: Answer<T>): T {
  if (answer.response.ok && answer.data !== undefined) {
    return answer.data;
  }
  throw failure(answer);
}

function done(answer: Answer<unknown>): void {
  if (!answer.response.ok) {
    throw failure(answer);
  }
}

function failure(answer: Answer<unknown>): Error {
  const { error, response } = answer;
  if (error !== undefined && typeof error === "object") {
    return new ProblemError(response.status, error);
  }
  return new Error(`${response.status} ${response.statusText} without a problem detail`);
}

function etagOf(response: Response): string {
  const etag = response.headers.get("ETag");
  if (etag === null) {
    throw new Error(`${response.url} answered without an ETag`);
  }
  return etag;
}

function ifMatch(condition: Conditional): { "If-Match"?: string } {
  return condition.ifMatch === undefined ? {} : { "If-Match": condition.ifMatch };
}

/** Standard base64 of bytes, as the JSON representation carries them. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "base64"));
}

/** The client of one service, e.g. createMemoryClient("http://localhost:8080"). */
export function createMemoryClient(baseUrl: string, fetch: typeof globalThis.fetch = globalThis.fetch) {
  const api = createClient<paths>({ baseUrl, fetch });

  return {
    async createMemory(limits: CreateMemoryRequest): Promise<Tagged<MemoryInfo>> {
      const answer = await api.POST("/memories", { body: limits });
      return { value: ok(answer), etag: etagOf(answer.response) };
    },

    async listMemories(): Promise<MemoryInfo[]> {
      return ok(await api.GET("/memories")).memories;
    },

    async getMemory(id: string, ifNoneMatch?: string): Promise<Tagged<MemoryInfo> | NotModified> {
      const answer = await api.GET("/memories/{id}", {
        params: { path: { id }, header: ifNoneMatch === undefined ? {} : { "If-None-Match": ifNoneMatch } },
      });
      if (answer.response.status === 304) {
        return { notModified: true, etag: etagOf(answer.response) };
      }
      return { value: ok(answer), etag: etagOf(answer.response) };
    },

    async deleteMemory(id: string, condition: Conditional = {}): Promise<void> {
      done(await api.DELETE("/memories/{id}", { params: { path: { id }, header: ifMatch(condition) } }));
    },

    async grow(id: string, pages: number, condition: Conditional = {}): Promise<GrowResponse> {
      return ok(
        await api.POST("/memories/{id}/grow", {
          params: { path: { id }, header: ifMatch(condition) },
          body: { pages },
        }),
      );
    },

    async fill(id: string, fill: FillRequest, condition: Conditional = {}): Promise<void> {
      done(
        await api.POST("/memories/{id}/fill", { params: { path: { id }, header: ifMatch(condition) }, body: fill }),
      );
    },

    /** Within the memory (memmove), or from copy.sourceMemoryId into it. */
    async copy(id: string, copy: CopyRequest, condition: Conditional = {}): Promise<void> {
      done(
        await api.POST("/memories/{id}/copy", { params: { path: { id }, header: ifMatch(condition) }, body: copy }),
      );
    },

    async erase(id: string, condition: Conditional = {}): Promise<void> {
      done(await api.POST("/memories/{id}/erase", { params: { path: { id }, header: ifMatch(condition) } }));
    },

    /** Raw bytes of a region (the rest of the memory by default), or of a Range of it. */
    async readBytes(
      id: string,
      region: Region = {},
      range?: { readonly range: string; readonly ifRange?: string },
    ): Promise<RawBytes> {
      const header: { Range?: string; "If-Range"?: string } = {};
      if (range !== undefined) {
        header.Range = range.range;
        if (range.ifRange !== undefined) {
          header["If-Range"] = range.ifRange;
        }
      }
      const answer = await api.GET("/memories/{id}/bytes", {
        params: { path: { id }, query: region, header },
        headers: { Accept: "application/octet-stream" },
        parseAs: "arrayBuffer",
      });
      const value = new Uint8Array(ok(answer));
      const contentRange = answer.response.headers.get("Content-Range");
      const etag = etagOf(answer.response);
      return contentRange === null ? { value, etag } : { value, etag, contentRange };
    },

    /** The JSON representation, its base64 decoded; its tag is its own. */
    async readBytesJson(id: string, region: Region): Promise<Tagged<Uint8Array>> {
      const answer = await api.GET("/memories/{id}/bytes", {
        params: { path: { id }, query: region },
        headers: { Accept: "application/json" },
      });
      const json = ok(answer);
      if (typeof json !== "object" || !("data" in json)) {
        throw new Error(`${answer.response.url} answered no JSON representation`);
      }
      return { value: fromBase64(json.data), etag: etagOf(answer.response) };
    },

    /** The hex dump (xxd layout) of a region, as the playground's hex view shows it. */
    async readHexDump(id: string, region: Region): Promise<Tagged<string>> {
      const answer = await api.GET("/memories/{id}/bytes", {
        params: { path: { id }, query: region },
        headers: { Accept: "text/plain" },
        parseAs: "text",
      });
      return { value: ok(answer), etag: etagOf(answer.response) };
    },

    /** Writes raw bytes (a Uint8Array or a Blob, e.g. an uploaded file) from offset. */
    async writeBytes(
      id: string,
      offset: number,
      bytes: Uint8Array<ArrayBuffer> | Blob,
      condition: Conditional = {},
    ): Promise<void> {
      const body = bytes instanceof Blob ? bytes : new Blob([bytes]);
      done(
        await api.PUT("/memories/{id}/bytes", {
          params: { path: { id }, query: { offset }, header: ifMatch(condition) },
          headers: { "Content-Type": "application/octet-stream" },
          body,
          // Sent as it is: openapi-fetch would otherwise write the Blob as JSON.
          bodySerializer: (blob) => blob,
        }),
      );
    },

    /**
     * Many operations in one request, applied in order under one lock, all or none: one result
     * per operation and the memory's tag after them. When one fails, nothing is applied and the
     * ProblemError's problem.index names it.
     */
    async batch(
      id: string,
      operations: BatchOperation[],
      condition: Conditional = {},
    ): Promise<Tagged<BatchResponse>> {
      const answer = await api.POST("/memories/{id}/batch", {
        params: { path: { id }, header: ifMatch(condition) },
        body: { operations },
      });
      return { value: ok(answer), etag: etagOf(answer.response) };
    },

    async readValue(id: string, type: ValueType, offset: number): Promise<Tagged<ValueResponse>> {
      const answer = await api.GET("/memories/{id}/values/{type}", {
        params: { path: { id, type }, query: { offset } },
      });
      return { value: ok(answer), etag: etagOf(answer.response) };
    },

    /** A value ({ value }) or its raw bits ({ bits }, keeping NaN payloads). */
    async writeValue(
      id: string,
      type: ValueType,
      offset: number,
      write: ValueWriteRequest,
      condition: Conditional = {},
    ): Promise<void> {
      done(
        await api.PUT("/memories/{id}/values/{type}", {
          params: { path: { id, type }, query: { offset }, header: ifMatch(condition) },
          body: write,
        }),
      );
    },
  };
}

export type MemoryClient = ReturnType<typeof createMemoryClient>;
