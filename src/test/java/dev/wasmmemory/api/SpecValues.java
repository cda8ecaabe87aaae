package dev.wasmmemory.api;

import java.math.BigInteger;
import tools.jackson.databind.JsonNode;

/**
 * Compares a spec script's expected value (raw bits as an unsigned decimal, or a NaN class) with a
 * typed value the service answered.
 */
final class SpecValues {
  private SpecValues() {}

  static boolean matches(JsonNode expected, JsonNode actual) {
    String type = expected.get("type").asString();
    if (!type.equals(actual.path("type").asString())) {
      return false;
    }
    String want = expected.get("value").asString();
    long bits = bits(type, actual);
    switch (want) {
      case "nan:canonical":
        return type.equals("f32")
            ? (bits & 0x7fffffffL) == 0x7fc00000L
            : (bits & 0x7fffffffffffffffL) == 0x7ff8000000000000L;
      case "nan:arithmetic":
        return type.equals("f32")
            ? (bits & 0x7fc00000L) == 0x7fc00000L
            : (bits & 0x7ff8000000000000L) == 0x7ff8000000000000L;
      default:
        return new BigInteger(want).longValue() == bits;
    }
  }

  /** The raw bits of an answered value: floats carry them, integers are their value. */
  private static long bits(String type, JsonNode actual) {
    switch (type) {
      case "f32":
      case "f64":
        return Long.parseUnsignedLong(actual.get("bits").asString());
      case "i32":
        return actual.get("value").asInt() & 0xFFFF_FFFFL;
      case "i64":
        return Long.parseLong(actual.get("value").asString());
      default:
        throw new IllegalArgumentException("cannot compare values of type " + type);
    }
  }
}
