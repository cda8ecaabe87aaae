package dev.wasmmemory.module;

/**
 * The code trapped (or ran out of call stack): the message is the spec's ({@code out of bounds
 * memory access}, {@code integer divide by zero}, {@code unreachable} …). Stores made before the
 * trap stay, as in WebAssembly.
 */
public final class WasmTrapException extends ModuleException {
  WasmTrapException(String message, Throwable cause) {
    super(message, cause);
  }
}
