package dev.wasmmemory.api;

import dev.wasmmemory.memory.ValueType;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The value types by their WebAssembly names, as paths and parameters give them. */
final class ValueTypes {
  private static final String TYPES =
      Arrays.stream(ValueType.values()).map(ValueType::wasmName).collect(Collectors.joining(", "));

  private ValueTypes() {}

  /** The type named, or a 400 naming the field {@code type}. */
  static ValueType parse(String type) {
    return ValueType.fromWasmName(type)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "unknown type '" + type + "'; one of " + TYPES, "type"));
  }
}
