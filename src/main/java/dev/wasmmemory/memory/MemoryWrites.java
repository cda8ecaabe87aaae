package dev.wasmmemory.memory;

import java.util.Objects;

/**
 * {@link MemoryInstance}'s region writes, each one mutation: regions checked under the write lock,
 * bytes moved by {@link RegionAccess}, the change committed before the lock is released. Apart from
 * the memory so that its class keeps only the API and the per-value paths.
 */
final class MemoryWrites {
  private MemoryWrites() {}

  /** Answers the size in pages before the growth. */
  static int grow(MemoryState state, long expectedVersion, int maximumPages, long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("pages must not be negative: " + pages);
    }
    long stamp = state.beginWrite(expectedVersion);
    long token;
    int current;
    try {
      current = state.table.count();
      if (pages > maximumPages - current) {
        throw new GrowLimitExceededException(state.id, current, pages, maximumPages);
      }
      if (pages == 0) {
        return current;
      }
      state.table.grow(current + (int) pages);
      token = state.commit();
    } finally {
      state.endWrite(stamp);
    }
    state.awaitDurable(token);
    return current;
  }

  static long set(
      MemoryState state, long expectedVersion, long offset, byte[] source, int from, int length) {
    // Checked first: a slice past the array's end would fail after earlier pages were written.
    Objects.checkFromIndexSize(from, length, source.length);
    return state.mutate(
        expectedVersion,
        () -> {
          Bounds.check(state.id, "offset", offset, length, state.sizeBytes);
          RegionAccess.write(state.table, offset, source, from, length);
        });
  }

  static long copy(
      MemoryState state,
      long expectedVersion,
      long sourceOffset,
      long destinationOffset,
      long length) {
    return state.mutate(
        expectedVersion,
        () -> {
          checkCopy(state, sourceOffset, destinationOffset, length);
          RegionAccess.copy(state.table, sourceOffset, state.table, destinationOffset, length);
        });
  }

  static long copyNonOverlapping(
      MemoryState state,
      long expectedVersion,
      long sourceOffset,
      long destinationOffset,
      long length) {
    return state.mutate(
        expectedVersion,
        () -> {
          checkCopy(state, sourceOffset, destinationOffset, length);
          if (Bounds.overlap(sourceOffset, destinationOffset, length)) {
            throw new RegionsOverlapException(state.id, sourceOffset, destinationOffset, length);
          }
          RegionAccess.copy(state.table, sourceOffset, state.table, destinationOffset, length);
        });
  }

  private static void checkCopy(
      MemoryState state, long sourceOffset, long destinationOffset, long length) {
    Bounds.check(state.id, "sourceOffset", sourceOffset, length, state.sizeBytes);
    Bounds.check(state.id, "destinationOffset", destinationOffset, length, state.sizeBytes);
  }

  static long clear(MemoryState state, long expectedVersion, long offset, byte value, long length) {
    return state.mutate(
        expectedVersion,
        () -> {
          Bounds.check(state.id, "offset", offset, length, state.sizeBytes);
          RegionAccess.fill(state.table, offset, length, value);
        });
  }

  static long erase(MemoryState state, long expectedVersion) {
    return state.mutate(expectedVersion, () -> WholePageWrites.eraseAll(state.table));
  }
}
