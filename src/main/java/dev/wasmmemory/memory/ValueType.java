package dev.wasmmemory.memory;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * The little-endian value types a memory can load and store. Values travel as raw bits in a {@code
 * long}: the low {@link #width()} bytes, zero-extended, exactly as they lie in memory.
 */
public enum ValueType {
  I8(1, true, false),
  U8(1, false, false),
  I16(2, true, false),
  U16(2, false, false),
  I32(4, true, false),
  U32(4, false, false),
  I64(8, true, false),
  U64(8, false, false),
  F32(4, false, true),
  F64(8, false, true);

  private final int width;
  private final boolean signed;
  private final boolean floating;
  private final BigInteger min;
  private final BigInteger max;

  ValueType(int width, boolean signed, boolean floating) {
    this.width = width;
    this.signed = signed;
    this.floating = floating;
    int bits = width * 8;
    this.min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
    this.max = BigInteger.ONE.shiftLeft(signed ? bits - 1 : bits).subtract(BigInteger.ONE);
  }

  /** The type named {@code name} in WebAssembly's spelling ({@code i32}, {@code f64} …). */
  public static Optional<ValueType> fromWasmName(String name) {
    for (ValueType type : values()) {
      if (type.wasmName().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  public String wasmName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Bytes the value occupies in memory. */
  public int width() {
    return width;
  }

  public boolean isFloat() {
    return floating;
  }

  /** Mask of the bits that a value of this type occupies. */
  long mask() {
    return width == 8 ? -1L : (1L << (width * 8)) - 1;
  }

  /** The integer that {@code bits} stand for; signed types are sign-extended. */
  public BigInteger toInteger(long bits) {
    requireInteger();
    long value = bits & mask();
    if (signed) {
      int shift = 64 - width * 8;
      return BigInteger.valueOf((value << shift) >> shift);
    }
    return width == 8 ? new BigInteger(Long.toUnsignedString(value)) : BigInteger.valueOf(value);
  }

  /** The bits of {@code value}, refused with {@link InvalidValueException} outside the range. */
  public long fromInteger(BigInteger value) {
    requireInteger();
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidValueException(this, value.toString());
    }
    return value.longValue() & mask();
  }

  /** The float that {@code bits} stand for, NaN payload kept in the bits, not here. */
  public double toDouble(long bits) {
    requireFloat();
    return width == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
  }

  /**
   * The bits of {@code value}. For {@code f32} the value is rounded to the nearest float; a finite
   * value beyond the float range is refused rather than turned into an infinity.
   */
  public long fromDouble(double value) {
    requireFloat();
    if (width == 8) {
      return Double.doubleToRawLongBits(value);
    }
    float narrowed = (float) value;
    if (Float.isInfinite(narrowed) && !Double.isInfinite(value)) {
      throw new InvalidValueException(this, Double.toString(value));
    }
    return Float.floatToRawIntBits(narrowed) & mask();
  }

  /** Checks that raw {@code bits} fit in the width, as given by a client. */
  public long fromBits(BigInteger bits) {
    if (bits.signum() < 0 || bits.bitLength() > width * 8) {
      throw new InvalidValueException(this, "bits " + bits);
    }
    return bits.longValue();
  }

  private void requireInteger() {
    if (floating) {
      throw new IllegalStateException(this + " is a float type");
    }
  }

  private void requireFloat() {
    if (!floating) {
      throw new IllegalStateException(this + " is an integer type");
    }
  }
}
