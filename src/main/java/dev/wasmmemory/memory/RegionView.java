package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A read-only, consistent view of a region as it was when the view was opened: the memory's direct
 * read access. Opening costs a copy of the page references, not of the bytes; pages written while a
 * view is open are copied first (copy-on-write), so a slow reader never blocks writers and never
 * sees a torn state. Close it to let the memory stop copying.
 */
public final class RegionView implements AutoCloseable {
  /** Receives the region one chunk (at most one page) at a time. */
  @FunctionalInterface
  public interface ChunkConsumer {
    void accept(ByteBuffer chunk) throws IOException;
  }

  private final byte[][] pages;
  private final long offset;
  private final long length;
  private final long version;
  private final long memorySize;
  private final Runnable onClose;
  private boolean closed;

  RegionView(
      byte[][] pages, long offset, long length, long version, long memorySize, Runnable onClose) {
    this.pages = pages;
    this.offset = offset;
    this.length = length;
    this.version = version;
    this.memorySize = memorySize;
    this.onClose = onClose;
  }

  /** The memory's version at the instant the view shows. */
  public long version() {
    return version;
  }

  /** The memory's size in bytes at that instant. */
  public long memorySize() {
    return memorySize;
  }

  public long offset() {
    return offset;
  }

  public long length() {
    return length;
  }

  /** Hands each chunk, in order, as a read-only little-endian buffer. */
  public void forEachChunk(ChunkConsumer consumer) throws IOException {
    forEachSlice(
        (page, from, n) ->
            consumer.accept(
                ByteBuffer.wrap(page, from, n)
                    .slice()
                    .asReadOnlyBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)));
  }

  /** Writes the region to {@code out}, a page at a time. */
  public void transferTo(OutputStream out) throws IOException {
    forEachSlice(out::write);
  }

  /** A slice of one page's array; the array is lent, never to be written. */
  @FunctionalInterface
  private interface SliceConsumer {
    void accept(byte[] page, int from, int length) throws IOException;
  }

  private void forEachSlice(SliceConsumer consumer) throws IOException {
    long address = offset;
    long remaining = length;
    int first = Pages.index(offset);
    while (remaining > 0) {
      int pageOffset = Pages.offset(address);
      int n = (int) Math.min(PAGE_SIZE - pageOffset, remaining);
      consumer.accept(page(Pages.index(address) - first), pageOffset, n);
      address += n;
      remaining -= n;
    }
  }

  private byte[] page(int i) {
    byte[] page = pages[i];
    return page == null ? PageTable.ZERO_PAGE : page;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }
}
