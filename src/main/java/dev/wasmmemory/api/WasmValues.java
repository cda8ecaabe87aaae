package dev.wasmmemory.api;

import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.module.InstanceRecord.Binding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WebAssembly's value types (i32, i64, f32, f64) in the typed-value encoding of CONTRACT.md: the
 * arguments of an invoke and the values of global imports in, results and globals out.
 */
final class WasmValues {
  private WasmValues() {}

  /** The raw bits of each argument, checked against the parameter types. */
  static long[] arguments(List<String> params, List<WasmArgument> args) {
    List<WasmArgument> given = args == null ? List.of() : args;
    if (given.size() != params.size()) {
      throw new InvalidRequestException(
          "the function takes " + params.size() + " arguments " + params + ", not " + given.size(),
          "args");
    }
    long[] bits = new long[given.size()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = bits(params.get(i), given.get(i), "args[" + i + "]");
    }
    return bits;
  }

  /** One value's bits as {@code type}; a typed argument must name that type. */
  static long bits(String type, WasmArgument arg, String field) {
    if (arg == null) {
      throw new InvalidRequestException("'" + field + "' is missing", field);
    }
    ValueType valueType = valueType(type, field);
    if (arg.type() != null && !arg.type().equals(type)) {
      throw new InvalidRequestException(
          "'" + field + "' is a " + arg.type() + ", but the parameter is a " + type, field);
    }
    try {
      return TypedValues.toBits(valueType, new ValueWriteRequest(arg.value(), arg.bits()));
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException("'" + field + "': " + e.getMessage(), field);
    }
  }

  private static ValueType valueType(String type, String field) {
    switch (type) {
      case "i32":
        return ValueType.I32;
      case "i64":
        return ValueType.I64;
      case "f32":
        return ValueType.F32;
      case "f64":
        return ValueType.F64;
      default:
        throw new InvalidRequestException(
            "values of type " + type + " cannot be passed through the API", field);
    }
  }

  /** Results in the typed-value encoding; a v128 takes two of Endive's slots. */
  static List<TypedValue> results(List<String> types, long[] values) {
    List<TypedValue> results = new ArrayList<>();
    int slot = 0;
    for (String type : types) {
      if (type.equals("v128")) {
        String hex = String.format("%016x%016x", values[slot + 1], values[slot]);
        results.add(new TypedValue(type, hex, null));
        slot += 2;
      } else {
        results.add(value(type, values[slot++]));
      }
    }
    return results;
  }

  /** A value of {@code type} from its raw bits: numbers, i64 as a string, floats with bits. */
  static TypedValue value(String type, long bits) {
    switch (type) {
      case "i32":
        return new TypedValue(type, (int) bits, null);
      case "i64":
        return new TypedValue(type, Long.toString(bits), null);
      case "f32":
        ValueResponse f32 = TypedValues.toResponse(ValueType.F32, 0, bits & 0xFFFF_FFFFL);
        return new TypedValue(type, f32.value(), f32.bits());
      case "f64":
        ValueResponse f64 = TypedValues.toResponse(ValueType.F64, 0, bits);
        return new TypedValue(type, f64.value(), f64.bits());
      default:
        // A reference: its index, or "null" for a null reference (Endive's -1).
        return new TypedValue(type, bits == -1 ? "null" : bits, null);
    }
  }

  /**
   * Import bindings: a memory import by the stored memory's id (a bare string), a global import by
   * a typed value {@code {"type":"i32","value":666}}.
   */
  static Map<String, Binding> bindings(Map<String, WasmArgument> imports) {
    Map<String, Binding> bindings = new LinkedHashMap<>();
    if (imports == null) {
      return bindings;
    }
    imports.forEach(
        (name, arg) -> {
          String field = "imports." + name;
          if (arg != null && arg.isBareString()) {
            bindings.put(name, Binding.memory(arg.value().text()));
          } else if (arg != null && arg.type() != null) {
            bindings.put(name, Binding.global(arg.type(), bits(arg.type(), arg, field)));
          } else {
            throw new InvalidRequestException(
                "'" + field + "' must be a memory id or a typed value {\"type\":…,\"value\":…}",
                field);
          }
        });
    return bindings;
  }
}
