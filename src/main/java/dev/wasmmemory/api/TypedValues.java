package dev.wasmmemory.api;

import dev.wasmmemory.memory.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import tools.jackson.databind.JsonNode;

/** Converts typed values between their JSON forms (see CONTRACT.md) and raw bits. */
final class TypedValues {
  private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private TypedValues() {}

  static ValueResponse toResponse(ValueType type, long offset, long bits) {
    if (type.isFloat()) {
      double value = type.toDouble(bits);
      Object json =
          Double.isNaN(value)
              ? "NaN"
              : Double.isInfinite(value)
                  ? (value > 0 ? "Infinity" : "-Infinity")
                  : type.width() == 4 ? (Object) (float) value : (Object) value;
      return new ValueResponse(type.wasmName(), offset, json, Long.toUnsignedString(bits));
    }
    BigInteger value = type.toInteger(bits);
    Object json = type.width() == 8 ? value.toString() : (Object) value.longValue();
    return new ValueResponse(type.wasmName(), offset, json, null);
  }

  /** The bits a write request stands for, or {@link InvalidRequestException}. */
  static long toBits(ValueType type, ValueWriteRequest request) {
    boolean hasValue = request.value() != null && !request.value().isNull();
    boolean hasBits = request.bits() != null && !request.bits().isNull();
    if (hasValue == hasBits) {
      throw new InvalidRequestException("give exactly one of 'value' and 'bits'", "value");
    }
    if (hasBits) {
      BigInteger bits = wholeNumber(request.bits(), "bits", true);
      if (bits.signum() < 0 || bits.bitLength() > type.width() * 8) {
        throw new InvalidRequestException(
            "'bits' must be 0.."
                + BigInteger.ONE.shiftLeft(type.width() * 8).subtract(BigInteger.ONE)
                + " for "
                + type.wasmName(),
            "bits");
      }
      return type.fromBits(bits);
    }
    JsonNode value = request.value();
    if (type.isFloat()) {
      return type.fromDouble(floatValue(value));
    }
    return type.fromInteger(wholeNumber(value, "value", type.width() == 8));
  }

  private static double floatValue(JsonNode node) {
    if (node.isNumber()) {
      double value = node.doubleValue();
      if (Double.isInfinite(value)) {
        // JSON has no infinite numbers: this one is beyond the largest double.
        throw new InvalidRequestException(
            "'value' " + node + " is beyond the range of a float; send \"Infinity\" for infinity",
            "value");
      }
      return value;
    }
    if (node.isString()) {
      switch (node.stringValue()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw new InvalidRequestException(
        "'value' must be a number, \"NaN\", \"Infinity\" or \"-Infinity\"", "value");
  }

  private static BigInteger wholeNumber(JsonNode node, String field, boolean stringAllowed) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue();
    }
    if (node.isNumber()) {
      if (!Double.isFinite(node.doubleValue())) {
        throw new InvalidRequestException("'" + field + "' " + node + " is out of range", field);
      }
      BigDecimal decimal = node.decimalValue();
      if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
        return decimal.toBigIntegerExact();
      }
      throw new InvalidRequestException("'" + field + "' must be a whole number", field);
    }
    if (stringAllowed && node.isString() && node.stringValue().matches("-?[0-9]{1,20}")) {
      BigInteger parsed = new BigInteger(node.stringValue());
      if (parsed.abs().compareTo(MAX_U64) <= 0) {
        return parsed;
      }
    }
    throw new InvalidRequestException(
        "'"
            + field
            + "' must be a whole number"
            + (stringAllowed ? " or a string of decimal digits" : ""),
        field);
  }
}
