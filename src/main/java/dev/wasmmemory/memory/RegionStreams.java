package dev.wasmmemory.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads and writes of regions too large for one page, for {@link MemoryInstance}: copied under the
 * read lock, streamed from a view that holds no lock, or staged from a stream before the write lock
 * is taken. Apart from the memory because each decides how long it may hold the lock.
 */
final class RegionStreams {
  /** Reads up to this size are copied under the lock; larger ones stream from a view. */
  private static final int COPY_READ_LIMIT = 1 << 20;

  private RegionStreams() {}

  static LinearMemory.Versioned<byte[]> read(MemoryState state, long offset, long length) {
    // Checked before the buffer is allocated, so a huge out-of-bounds length costs no heap; a
    // memory never shrinks, so the region is still in bounds when read under the lock below.
    Bounds.check(state.id, "offset", offset, length, state.read(() -> state.sizeBytes));
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("region too large for one array: " + length);
    }
    byte[] bytes = new byte[(int) length];
    long stamp = state.readLock();
    try {
      RegionAccess.read(state.table, offset, bytes, 0, bytes.length);
      return new LinearMemory.Versioned<>(bytes, state.version);
    } finally {
      state.unlockRead(stamp);
    }
  }

  /** Small regions are copied under the read lock: cheaper than a view, which copies on write. */
  static long readTo(MemoryState state, long offset, long length, OutputStream out)
      throws IOException {
    if (length < 0) {
      throw new OutOfBoundsException(
          state.id, "offset", offset, length, state.read(() -> state.sizeBytes));
    }
    if (length <= COPY_READ_LIMIT) {
      LinearMemory.Versioned<byte[]> bytes = read(state, offset, length);
      out.write(bytes.value());
      return bytes.version();
    }
    try (RegionView view = view(state, offset, length)) {
      view.transferTo(out);
      return view.version();
    }
  }

  static RegionView view(MemoryState state, long offset, long length) {
    long stamp = state.writeLock();
    try {
      long size = state.sizeBytes;
      long count = length == LinearMemory.TO_END ? Math.max(0, size - offset) : length;
      Bounds.check(state.id, "offset", offset, count, size);
      return PageViews.openView(state.table, offset, count, state.version, size);
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  /** Stages the stream's bytes outside the lock, then installs them as one mutation. */
  static LinearMemory.StreamWrite writeFrom(
      MemoryState state, long expectedVersion, long offset, long length, InputStream in)
      throws IOException {
    long size = state.read(() -> state.sizeBytes);
    Bounds.check(state.id, "offset", offset, Math.max(length, 0), size);
    StagedWrite staged =
        new StagedWrite(
            state.id, state.table.store(), state.table.budget(), index -> isStored(state, index));
    try {
      staged.readFrom(in, offset, length, size);
      return new LinearMemory.StreamWrite(
          staged.length(), state.mutate(expectedVersion, () -> staged.commit(state.table)));
    } finally {
      staged.discard();
    }
  }

  /** Whether page {@code index} (within the memory) holds storage now. */
  private static boolean isStored(MemoryState state, int index) {
    long stamp = state.readLock();
    try {
      return state.table.stored(index);
    } finally {
      state.unlockRead(stamp);
    }
  }
}
