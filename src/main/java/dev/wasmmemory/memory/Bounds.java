package dev.wasmmemory.memory;

/** Overflow-safe region checks, in the subtraction form of okio's {@code checkOffsetAndCount}. */
final class Bounds {
  private Bounds() {}

  /**
   * Checks that {@code [offset, offset + length)} lies within {@code [0, size)}. Never computes
   * {@code offset + length}, so no sum can wrap into a false "in bounds". The failure names the
   * memory and the operation's {@code field} the region starts at.
   */
  static void check(String memoryId, String field, long offset, long length, long size) {
    if (!inBounds(offset, length, size)) {
      throw new OutOfBoundsException(memoryId, field, offset, length, size);
    }
  }

  static boolean inBounds(long offset, long length, long size) {
    return offset >= 0 && length >= 0 && offset <= size && size - offset >= length;
  }

  /** True when two regions of the same length share at least one byte. */
  static boolean overlap(long a, long b, long length) {
    return length > 0 && (a < b ? b - a < length : a - b < length);
  }
}
