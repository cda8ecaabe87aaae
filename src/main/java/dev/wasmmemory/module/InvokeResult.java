package dev.wasmmemory.module;

import java.util.List;

/**
 * What a call returned: its results' raw bits (for i32 and f32 the low 32 bits count) with their
 * types, and for a WASI instance what the call printed and, if the program exited, its exit code.
 */
public record InvokeResult(long[] values, List<String> types, WasiOutput wasi) {

  /** One call's standard output and error; {@code exitCode} null when the program did not exit. */
  public record WasiOutput(byte[] stdout, byte[] stderr, Integer exitCode) {}
}
