package dev.wasmmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Range checks and conversions of {@link ValueType}: never wrap, keep the exact bits. */
class ValueTypeTest {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  static Stream<Arguments> extremes() {
    return Stream.of(
        Arguments.of(ValueType.I8, "-128", "127"),
        Arguments.of(ValueType.U8, "0", "255"),
        Arguments.of(ValueType.I16, "-32768", "32767"),
        Arguments.of(ValueType.U16, "0", "65535"),
        Arguments.of(ValueType.I32, "-2147483648", "2147483647"),
        Arguments.of(ValueType.U32, "0", "4294967295"),
        Arguments.of(ValueType.I64, "-9223372036854775808", "9223372036854775807"),
        Arguments.of(ValueType.U64, "0", "18446744073709551615"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("extremes")
  void integerExtremesRoundTripAndOneBeyondIsRefused(ValueType type, String min, String max) {
    BigInteger low = new BigInteger(min);
    BigInteger high = new BigInteger(max);

    assertThat(type.toInteger(type.fromInteger(low))).isEqualTo(low);
    assertThat(type.toInteger(type.fromInteger(high))).isEqualTo(high);
    assertThatThrownBy(() -> type.fromInteger(low.subtract(BigInteger.ONE)))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.type()).isEqualTo(type));
    assertThatThrownBy(() -> type.fromInteger(high.add(BigInteger.ONE)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void u8ThreeHundredIsRefusedNotWrapped() {
    assertThatThrownBy(() -> ValueType.U8.fromInteger(BigInteger.valueOf(300)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("300")
        .hasMessageContaining("u8");
  }

  @Test
  void integerBitsAreTheLowBytesZeroExtended() {
    assertThat(ValueType.I8.fromInteger(BigInteger.valueOf(-1))).isEqualTo(0xFFL);
    assertThat(ValueType.I32.fromInteger(BigInteger.valueOf(-2))).isEqualTo(0xFFFF_FFFEL);
    assertThat(ValueType.U64.fromInteger(TWO_64.subtract(BigInteger.ONE))).isEqualTo(-1L);
    assertThat(ValueType.I64.fromInteger(BigInteger.valueOf(Long.MIN_VALUE)))
        .isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void toIntegerSignExtendsSignedTypesOnly() {
    assertThat(ValueType.I8.toInteger(0xFF)).isEqualTo(-1);
    assertThat(ValueType.U8.toInteger(0xFF)).isEqualTo(255);
    assertThat(ValueType.I16.toInteger(0x8000)).isEqualTo(-32768);
    assertThat(ValueType.U32.toInteger(0xFFFF_FFFFL)).isEqualTo(4294967295L);
    assertThat(ValueType.U64.toInteger(-1L)).isEqualTo(TWO_64.subtract(BigInteger.ONE));
    assertThat(ValueType.I64.toInteger(-1L)).isEqualTo(-1);
  }

  @Test
  void toIntegerIgnoresBitsAboveTheWidth() {
    assertThat(ValueType.U8.toInteger(0x1234)).isEqualTo(0x34);
    assertThat(ValueType.I16.toInteger(0xFFFF_0001L)).isEqualTo(1);
  }

  @Test
  void rawBitsMustFitTheWidth() {
    assertThat(ValueType.U8.fromBits(BigInteger.valueOf(255))).isEqualTo(255);
    assertThat(ValueType.F32.fromBits(BigInteger.valueOf(0x7FC0_0001L))).isEqualTo(0x7FC0_0001L);
    assertThat(ValueType.F64.fromBits(TWO_64.subtract(BigInteger.ONE))).isEqualTo(-1L);
    assertThatThrownBy(() -> ValueType.U8.fromBits(BigInteger.valueOf(256)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> ValueType.F32.fromBits(BigInteger.ONE.shiftLeft(32)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> ValueType.F64.fromBits(TWO_64))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> ValueType.I32.fromBits(BigInteger.valueOf(-1)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void f64BitsAreExact() {
    long nan = 0x7FF0_0000_0000_0001L;

    assertThat(ValueType.F64.fromDouble(Double.longBitsToDouble(nan))).isEqualTo(nan);
    assertThat(ValueType.F64.fromDouble(-0.0)).isEqualTo(0x8000_0000_0000_0000L);
    assertThat(ValueType.F64.toDouble(0x3FF0_0000_0000_0000L)).isEqualTo(1.0);
  }

  @Test
  void f32RoundsToTheNearestFloatAndRefusesFiniteValuesBeyondItsRange() {
    assertThat(ValueType.F32.fromDouble(1.5)).isEqualTo(Float.floatToRawIntBits(1.5f));
    assertThat(ValueType.F32.fromDouble(0.1)).isEqualTo(Float.floatToRawIntBits(0.1f));
    assertThat(ValueType.F32.fromDouble(Double.NEGATIVE_INFINITY)).isEqualTo(0xFF80_0000L);
    assertThat(ValueType.F32.fromDouble(-1.0)).isEqualTo(0xBF80_0000L);
    assertThat(ValueType.F32.toDouble(0x3FC0_0000L)).isEqualTo(1.5);
    assertThatThrownBy(() -> ValueType.F32.fromDouble(1e39))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void integerConversionsRefuseFloatTypesAndViceVersa() {
    assertThatThrownBy(() -> ValueType.F32.toInteger(0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ValueType.I32.toDouble(0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ValueType.U8.fromDouble(1.0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void typesAreNamedAsInWebAssembly() {
    for (ValueType type : ValueType.values()) {
      assertThat(ValueType.fromWasmName(type.wasmName())).contains(type);
    }
    assertThat(ValueType.I32.wasmName()).isEqualTo("i32");
    assertThat(ValueType.fromWasmName("I32")).isEmpty();
    assertThat(ValueType.fromWasmName("i128")).isEmpty();
  }

  @Test
  void widthsAndKinds() {
    assertThat(ValueType.U8.width()).isEqualTo(1);
    assertThat(ValueType.I16.width()).isEqualTo(2);
    assertThat(ValueType.F32.width()).isEqualTo(4);
    assertThat(ValueType.U64.width()).isEqualTo(8);
    assertThat(ValueType.F64.isFloat()).isTrue();
    assertThat(ValueType.I64.isFloat()).isFalse();
  }

  @Test
  void zeroBitsFitEveryWidthAndAFloatTakesNoInteger() {
    assertThat(ValueType.I8.fromBits(BigInteger.ZERO)).isZero();
    assertThat(ValueType.F64.fromBits(BigInteger.ZERO)).isZero();
    assertThatThrownBy(() -> ValueType.F32.fromInteger(BigInteger.ONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("F32 is a float type");
  }
}
