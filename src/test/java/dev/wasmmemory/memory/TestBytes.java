package dev.wasmmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

/**
 * Byte patterns with known content, whole-memory snapshots, and comparisons that report the first
 * differing byte instead of printing megabytes.
 */
final class TestBytes {
  private TestBytes() {}

  /** {@code length} bytes, none of them zero, that differ for different seeds. */
  static byte[] pattern(long seed, int length) {
    byte[] bytes = new byte[length];
    Random random = new Random(seed);
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (1 + random.nextInt(255));
    }
    return bytes;
  }

  static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  /** Every byte of a small memory. */
  static byte[] snapshot(LinearMemory memory) {
    return memory.get(0, memory.sizeBytes());
  }

  static void assertSameBytes(byte[] actual, byte[] expected) {
    assertThat(actual.length).as("length").isEqualTo(expected.length);
    int at = Arrays.mismatch(actual, expected);
    assertThat(at)
        .as(
            "first differing byte (actual %s, expected %s)",
            at < 0 ? "-" : actual[at], at < 0 ? "-" : expected[at])
        .isEqualTo(-1);
  }

  static void assertAllBytes(byte[] actual, int value) {
    assertSameBytes(actual, filled(actual.length, value));
  }
}
