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

  /**
   * Whether the page holding {@code address} (within the region) holds no storage at the view's
   * instant: it reads as zeros, so a search for bytes that are not all zero may skip it. False when
   * the view cannot tell cheaply: the page is then read.
   */
  default boolean absent(long address) {
    return false;
  }

  /** Hands each chunk, in order, as a read-only little-endian buffer. */
  void forEachChunk(ChunkConsumer consumer) throws IOException;

  /** Writes the region to {@code out}, a page at a time. */
  void transferTo(OutputStream out) throws IOException;

  @Override
  void close();
}
