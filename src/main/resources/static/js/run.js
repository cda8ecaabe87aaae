// The Run panel: upload a module, instantiate it on the open memory, call its functions with typed
// arguments, and show results or the trap; the hex view then highlights the bytes the call changed.

import * as api from "./api.js";
import { fieldsOf } from "./dom.js";
import { attempt, messenger } from "./messages.js";

const $ = (selector) => document.querySelector(selector);

const WASI = "wasi_snapshot_preview1";

/**
 * `hooks.memory()` is the open memory; `hooks.snapshot()` what the hex view shows now;
 * `hooks.afterCall(snapshot)` refreshes the page and answers how many bytes changed.
 */
export function bindRunPanel(hooks) {
  const message = messenger($("#run-message"));
  const result = $("#run-result");
  const run = { module: null, instance: null };

  $("#module-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = $("#module-file").files[0];
    await attempt(message, async () => {
      if (!file) throw new Error("Choose a .wasm file first.");
      run.module = await api.uploadModule(new Uint8Array(await file.arrayBuffer()));
      run.instance = null;
      showModule(run.module);
      message.ok(`Uploaded module ${run.module.id} (${run.module.sizeBytes} bytes).`);
    });
  });

  $("#instantiate").addEventListener("click", async () => {
    const memory = hooks.memory();
    if (!run.module || !memory) return;
    await attempt(message, async () => {
      const imports = {};
      let wasi = null;
      for (const i of run.module.imports) {
        if (i.kind === "memory") imports[`${i.module}.${i.name}`] = memory.id;
        else if (i.module === WASI) wasi = { args: [file()], env: {}, stdin: "" };
      }
      const snapshot = hooks.snapshot();
      run.instance = await api.instantiate(run.module.id, imports, wasi);
      const changed = await hooks.afterCall(snapshot);
      showFunctions(run.module);
      message.ok(`Instantiated ${run.instance.id}; ${changed} bytes changed in view.`);
    });
  });

  $("#call-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!run.instance) return;
    const fields = fieldsOf(event.currentTarget);
    const name = fields.function.value;
    const exported = run.module.exports.find((e) => e.kind === "function" && e.name === name);
    const snapshot = hooks.snapshot();
    result.hidden = true;
    let answer;
    const done = await attempt(message, async () => {
      answer = await api.invoke(run.instance.id, name, parseArgs(fields.args.value, exported.params));
    });
    // A trap keeps the stores made before it: show them either way.
    const changed = await hooks.afterCall(snapshot);
    if (!done) return;
    result.textContent = describe(answer);
    result.hidden = false;
    message.ok(`${name} returned; ${changed} bytes changed in view.`);
  });

  function file() {
    const chosen = $("#module-file").files[0];
    return chosen ? chosen.name : "module.wasm";
  }
}

function showModule(module) {
  const item = (text) => {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  };
  $("#module-imports").replaceChildren(
    ...module.imports.map((i) => item(`${i.module}.${i.name}: ${kindOf(i)}`)),
  );
  $("#module-exports").replaceChildren(...module.exports.map((e) => item(`${e.name}: ${kindOf(e)}`)));
  $("#module-details").hidden = false;
  $("#call-form").hidden = true;
}

function kindOf(entry) {
  if (entry.kind === "function") return `function (${entry.params.join(", ")}) → (${entry.results.join(", ")})`;
  if (entry.kind === "memory" && entry.minimumPages !== undefined) {
    return `memory, at least ${entry.minimumPages} pages` + (entry.maximumPages === null ? "" : `, at most ${entry.maximumPages}`);
  }
  if (entry.kind === "global") return `global ${entry.mutable ? "mut " : ""}${entry.type}`;
  return entry.kind;
}

function showFunctions(module) {
  const options = module.exports
    .filter((e) => e.kind === "function")
    .map((e) => {
      const option = document.createElement("option");
      option.value = e.name;
      option.textContent = `${e.name}(${e.params.join(", ")})`;
      return option;
    });
  $("#call-function").replaceChildren(...options);
  $("#call-form").hidden = options.length === 0;
}

/** Comma-separated arguments, each in the JSON form its parameter type takes. */
function parseArgs(text, params) {
  const parts = text.trim() === "" ? [] : text.split(",").map((part) => part.trim());
  if (parts.length !== params.length) {
    throw new Error(`The function takes ${params.length} arguments (${params.join(", ")}), not ${parts.length}.`);
  }
  return parts.map((part, i) => {
    if (params[i] === "i64") return part;
    if (["NaN", "Infinity", "-Infinity"].includes(part)) return part;
    const value = Number(part);
    if (part === "" || Number.isNaN(value)) throw new Error(`Argument ${i + 1} is not a number: ${part}`);
    return value;
  });
}

function describe(answer) {
  const lines = answer.results.map((r) => `${r.type} ${r.value}` + (r.bits ? ` (bits ${r.bits})` : ""));
  if (lines.length === 0) lines.push("(no results)");
  const text = (b64) => new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
  if (answer.exitCode !== undefined) lines.push(`exit code ${answer.exitCode}`);
  if (answer.stdout) lines.push(`stdout: ${text(answer.stdout)}`);
  if (answer.stderr) lines.push(`stderr: ${text(answer.stderr)}`);
  return lines.join("\n");
}
