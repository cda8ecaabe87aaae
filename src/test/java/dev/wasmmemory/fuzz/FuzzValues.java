package dev.wasmmemory.fuzz;

import dev.wasmmemory.fuzz.FuzzCase.NumberKind;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Bodies of {@code PUT …/values/{type}}, well-formed and not, with the bits a successful write
 * stores: integers in their type's range (64-bit ones also as decimal strings), floats as numbers,
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, or raw {@code bits}.
 */
final class FuzzValues {
  static final List<String> TYPES =
      List.of("i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64");

  /** A value type as the contract describes it. */
  record Type(String name, int width, boolean signed, boolean floating) {
    static Type of(String name) {
      int width = Integer.parseInt(name.substring(1)) / 8;
      return new Type(name, width, name.charAt(0) == 'i', name.charAt(0) == 'f');
    }

    BigInteger min() {
      return signed ? BigInteger.ONE.shiftLeft(width * 8 - 1).negate() : BigInteger.ZERO;
    }

    BigInteger max() {
      return BigInteger.ONE.shiftLeft(signed ? width * 8 - 1 : width * 8).subtract(BigInteger.ONE);
    }

    long mask() {
      return width == 8 ? -1L : (1L << (width * 8)) - 1;
    }
  }

  /** The JSON text of the property and the bits it stores (null when the request must fail). */
  record Body(String property, String text, Long bits) {}

  private final Random random;

  FuzzValues(Random random) {
    this.random = random;
  }

  Body body(Type type, NumberKind kind, FuzzRequest request) {
    if (random.nextInt(6) == 0 && kind.ordinal() <= NumberKind.HIGH_EDGE.ordinal()) {
      long bits = random.nextLong() & type.mask();
      String text = Long.toUnsignedString(bits);
      return new Body("bits", "\"" + text + "\"", bits);
    }
    return type.floating() ? floating(type, kind, request) : integer(type, kind, request);
  }

  private Body integer(Type type, NumberKind kind, FuzzRequest request) {
    BigInteger span = type.max().subtract(type.min()).add(BigInteger.ONE);
    BigInteger value =
        switch (kind) {
          case IN_RANGE -> type.min().add(new BigInteger(66, random).mod(span));
          case SMALL -> BigInteger.valueOf(random.nextInt(11));
          case LOW_EDGE -> type.min();
          case HIGH_EDGE -> type.max();
          case PAST_END ->
              random.nextBoolean()
                  ? type.max().add(BigInteger.ONE)
                  : type.min().subtract(BigInteger.ONE);
          case MAX_U32 -> BigInteger.valueOf(4_294_967_295L);
          case NEGATIVE -> BigInteger.valueOf(-5);
          default -> null;
        };
    if (value != null) {
      boolean asString = type.width() == 8 && random.nextBoolean();
      String text = asString ? "\"" + value + "\"" : value.toString();
      if (value.compareTo(type.min()) < 0 || value.compareTo(type.max()) > 0) {
        request.fault(400, type.name() + " " + value + " outside its range");
        return new Body("value", text, null);
      }
      return new Body("value", text, value.longValue() & type.mask());
    }
    return switch (kind) {
      case WHOLE_FLOAT -> {
        request.uncertain("a whole " + type.name() + " written as a float");
        yield new Body("value", "7.0", 7L);
      }
      case QUOTED -> {
        if (type.width() == 8) {
          yield new Body("value", "\"12\"", 12L);
        }
        request.fault(400, type.name() + " given as a string");
        yield new Body("value", "\"12\"", null);
      }
      default -> refused(type, kind, request);
    };
  }

  private Body floating(Type type, NumberKind kind, FuzzRequest request) {
    String text =
        switch (kind) {
          case IN_RANGE -> Double.toString(finite(type));
          case SMALL ->
              List.of("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "-0.0", "0.1", "1")
                  .get(random.nextInt(6));
          case LOW_EDGE -> type.width() == 4 ? "-3.4028234663852886E38" : "-1.7976931348623157E308";
          case HIGH_EDGE -> type.width() == 4 ? "1.401298464324817E-45" : "4.9E-324";
          case PAST_END -> type.width() == 4 ? "3.5E38" : "1e309";
          case HUGE -> "1e400";
          case NEGATIVE, FRACTION -> "-2.5";
          case MAX_U32, WHOLE_FLOAT -> "4294967295";
          default -> null;
        };
    if (text == null) {
      return refused(type, kind, request);
    }
    if (text.startsWith("\"")) {
      double special = Double.parseDouble(text.substring(1, text.length() - 1));
      return new Body("value", text, bitsOf(type, special));
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value) || type.width() == 4 && Float.isInfinite((float) value)) {
      // The service refuses an f32 beyond the float range; a number beyond the double range is
      // no more an f64 than 3.5e38 is an f32 (CONTRACT: a value outside its type's range is a 400).
      request.fault(400, text + " outside the range of " + type.name());
      return new Body("value", text, null);
    }
    return new Body("value", text, bitsOf(type, value));
  }

  /** A finite value of any magnitude, from random bits. */
  private double finite(Type type) {
    while (true) {
      double value =
          type.width() == 4
              ? Float.intBitsToFloat(random.nextInt())
              : Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(value)) {
        return value;
      }
    }
  }

  private static long bitsOf(Type type, double value) {
    return type.width() == 4
        ? Float.floatToRawIntBits((float) value) & 0xFFFF_FFFFL
        : Double.doubleToRawLongBits(value);
  }

  private Body refused(Type type, NumberKind kind, FuzzRequest request) {
    String text =
        switch (kind) {
          case HUGE -> "1e400";
          // 1.0000000000000001 and 1e-400 are fractions that a double rounds to whole numbers.
          case FRACTION -> List.of("2.5", "1.0000000000000001", "1e-400").get(random.nextInt(3));
          case ABOVE_MAXIMUM -> null;
          case NULL -> "null";
          case ABSENT -> null;
          case QUOTED -> "\"1.5\"";
          default -> List.of("true", "{}", "[1]", "\"abc\"").get(random.nextInt(4));
        };
    if (kind == NumberKind.ABOVE_MAXIMUM) {
      String bits = BigInteger.ONE.shiftLeft(type.width() * 8).toString();
      request.fault(400, "bits " + bits + " wider than " + type.name());
      return new Body("bits", "\"" + bits + "\"", null);
    }
    request.fault(400, type.name() + " value " + text);
    return new Body("value", text, null);
  }
}
