package dev.wasmmemory.module;

import run.endive.wasm.UnlinkableException;
import run.endive.wasm.WasmEngineException;

/** Endive's failures in the spec's words, as the exceptions of this package. */
final class Traps {
  private Traps() {}

  /** What a failed call or instantiation means: a link error, or a trap with the spec's message. */
  static ModuleException translate(WasmEngineException e) {
    if (e instanceof UnlinkableException) {
      return new LinkException(message(e), null, e);
    }
    return new WasmTrapException(message(e), e);
  }

  /** Endive says a few traps in its own words; the spec's are what clients match on. */
  static String message(WasmEngineException e) {
    String message = e.getMessage() == null ? "trap" : e.getMessage();
    if (message.startsWith("Trapped on unreachable")) {
      return "unreachable";
    }
    if (message.startsWith("Trapped on call_ref on null") || message.startsWith("null function")) {
      return "null function reference";
    }
    return message;
  }
}
