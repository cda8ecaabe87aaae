package dev.wasmmemory.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs caller code against one memory's pages under its write lock: a visitor over a region's
 * bytes, or an action with a {@link MemoryAccess}. Apart from {@link MemoryInstance} because,
 * unlike its own operations, caller code may throw after it wrote: what it wrote is committed all
 * the same.
 */
final class DirectWrites {
  private DirectWrites() {}

  static long withDirectAccessMut(
      MemoryState state,
      long expectedVersion,
      long offset,
      long length,
      RegionView.ChunkConsumer visitor)
      throws IOException {
    long stamp = state.beginWrite(expectedVersion);
    long token = 0;
    long version;
    try {
      Bounds.check(state.id, "offset", offset, length, state.sizeBytes);
      state.table.reserve(RegionAccess.absentPages(state.table, offset, length));
      version = state.version + 1;
      try {
        for (Chunks c = new Chunks(offset, length); c.next(); ) {
          byte[] page = state.table.writable(c.page(), c.offset(), c.length());
          ByteBuffer chunk = ByteBuffer.wrap(page, c.offset(), c.length()).slice();
          visitor.accept(chunk.order(ByteOrder.LITTLE_ENDIAN));
        }
      } finally {
        // What the visitor wrote before it threw stays written, and so is committed.
        token = state.commit();
      }
    } finally {
      state.endWrite(stamp);
    }
    state.awaitDurable(token);
    return version;
  }

  static <T> T exclusive(
      MemoryState state,
      long expectedVersion,
      int maximumPages,
      LinearMemory.MemoryAction<T> action) {
    long stamp = state.beginWrite(expectedVersion);
    MemoryAccess access = new MemoryAccess(state.id, state.table, maximumPages, state.version);
    long token = 0;
    try {
      return action.run(access);
    } finally {
      access.end();
      try {
        if (access.wrote()) {
          token = state.commit();
        } else {
          state.table.forgetChanges();
        }
      } finally {
        state.endWrite(stamp);
      }
      state.awaitDurable(token);
    }
  }
}
