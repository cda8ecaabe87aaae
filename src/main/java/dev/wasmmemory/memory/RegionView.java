package dev.wasmmemory.memory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A read-only, consistent view of a region as it was at one instant: a memory's direct read access
 * and the source of streamed reads. It does not block writers, which never tear what it shows.
 * Close it when done, so that the memory stops keeping that instant.
 */
public interface RegionView extends AutoCloseable {
  /** Receives the region one chunk (at most one page) at a time. */
  @FunctionalInterface
  interface ChunkConsumer {
    void accept(ByteBuffer chunk) throws IOException;
  }

  long offset();

  long length();

  /** The memory's version at the instant the view shows. */
  long version();

  /** The memory's size in bytes at that instant. */
  long memorySize();

  /** Hands each chunk, in order, as a read-only little-endian buffer. */
  void forEachChunk(ChunkConsumer consumer) throws IOException;

  /** Writes the region to {@code out}, a page at a time. */
  void transferTo(OutputStream out) throws IOException;

  @Override
  void close();
}
