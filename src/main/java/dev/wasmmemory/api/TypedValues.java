package dev.wasmmemory.api;

import dev.wasmmemory.memory.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Converts typed values between their JSON forms (see CONTRACT.md) and raw bits. */
final class TypedValues {
  /** More integer digits than any 64-bit value has: out of range without building the number. */
  private static final int MAX_DIGITS = 21;

  private static final Pattern DECIMAL_STRING = Pattern.compile("-?[0-9]+");

  private static final String TYPE_NAMES =
      Arrays.stream(ValueType.values()).map(ValueType::wasmName).collect(Collectors.joining(", "));

  private TypedValues() {}

  /** The value type a name stands for, or a 400 naming {@code field}. */
  static ValueType type(String name, String field) {
    return ValueType.fromWasmName(name)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "unknown type '" + name + "'; one of " + TYPE_NAMES, field));
  }

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
    if ((request.value() == null) == (request.bits() == null)) {
      throw new InvalidRequestException("give exactly one of 'value' and 'bits'", "value");
    }
    if (request.bits() != null) {
      if (request.bits().number() || !DECIMAL_STRING.matcher(request.bits().text()).matches()) {
        // A string, as the spec says: a JSON number could not carry 64 bits to JavaScript.
        throw new InvalidRequestException(
            "'bits' must be a string of decimal digits (the raw bits, unsigned)", "bits");
      }
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
    JsonScalar value = request.value();
    if (type.isFloat()) {
      return type.fromDouble(floatValue(value, type.width() == 4));
    }
    return type.fromInteger(wholeNumber(value, "value", type.width() == 8));
  }

  /**
   * The float a value stands for, parsed from the client's literal at the type's own precision (no
   * double rounding for f32) and with the sign of zero kept.
   */
  private static double floatValue(JsonScalar scalar, boolean single) {
    if (scalar.number()) {
      double value = single ? Float.parseFloat(scalar.text()) : Double.parseDouble(scalar.text());
      if (Double.isInfinite(value)) {
        // JSON has no infinite numbers: this one is beyond the type's largest value.
        throw new InvalidRequestException(
            "'value' "
                + scalar.text()
                + " is beyond the range of the type; send \"Infinity\" for infinity",
            "value");
      }
      return value;
    }
    switch (scalar.text()) {
      case "NaN":
        return Double.NaN;
      case "Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        throw new InvalidRequestException(
            "'value' must be a number, \"NaN\", \"Infinity\" or \"-Infinity\"", "value");
    }
  }

  /**
   * A whole number from a JSON number (1.0 and 1e3 are whole) or, where allowed, a string of
   * decimal digits; its range is the caller's to check.
   */
  private static BigInteger wholeNumber(JsonScalar scalar, String field, boolean stringAllowed) {
    if (scalar.number()) {
      BigDecimal decimal = new BigDecimal(scalar.text());
      if (decimal.precision() - decimal.scale() > MAX_DIGITS) {
        throw outOfRange(field, scalar.text());
      }
      if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
        return decimal.toBigIntegerExact();
      }
      throw new InvalidRequestException("'" + field + "' must be a whole number", field);
    }
    if (stringAllowed && DECIMAL_STRING.matcher(scalar.text()).matches()) {
      if (scalar.text().replace("-", "").length() > MAX_DIGITS) {
        throw outOfRange(field, scalar.text());
      }
      return new BigInteger(scalar.text());
    }
    throw new InvalidRequestException(
        "'"
            + field
            + "' must be a whole number"
            + (stringAllowed ? " or a string of decimal digits" : ""),
        field);
  }

  private static InvalidRequestException outOfRange(String field, String text) {
    return new InvalidRequestException("'" + field + "' " + text + " is out of range", field);
  }
}
