package dev.wasmmemory.memory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@link MemoryInstance}'s view: opening costs a copy of the page references, not of the bytes;
 * pages written while a view is open are copied first (copy-on-write), so a slow reader never
 * blocks writers and never sees a torn state. Pages that were not in the heap when it opened are
 * read from a snapshot of the memory's store, taken at the same instant. Close it to let the memory
 * stop copying.
 */
final class PagedRegionView implements RegionView {
  private final byte[][] pages;
  private final long offset;
  private final long length;
  private final long version;
  private final long memorySize;

  /** The store as it was when the view opened, for its UNLOADED pages; null when none. */
  private final PageStore.PageSource source;

  private final Runnable onClose;
  private boolean closed;

  PagedRegionView(
      byte[][] pages,
      long offset,
      long length,
      long version,
      long memorySize,
      PageStore.PageSource source,
      Runnable onClose) {
    this.pages = pages;
    this.source = source;
    this.offset = offset;
    this.length = length;
    this.version = version;
    this.memorySize = memorySize;
    this.onClose = onClose;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public long memorySize() {
    return memorySize;
  }

  @Override
  public long offset() {
    return offset;
  }

  @Override
  public long length() {
    return length;
  }

  /** A null page held no storage when the view opened (an unloaded one is stored elsewhere). */
  @Override
  public boolean absent(long address) {
    return pages[Pages.index(address) - Pages.index(offset)] == null;
  }

  @Override
  public void forEachChunk(ChunkConsumer consumer) throws IOException {
    forEachSlice(
        (page, from, n) ->
            consumer.accept(
                ByteBuffer.wrap(page, from, n)
                    .slice()
                    .asReadOnlyBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)));
  }

  @Override
  public void transferTo(OutputStream out) throws IOException {
    forEachSlice(out::write);
  }

  /** A slice of one page's array; the array is lent, never to be written. */
  @FunctionalInterface
  private interface SliceConsumer {
    void accept(byte[] page, int from, int length) throws IOException;
  }

  private void forEachSlice(SliceConsumer consumer) throws IOException {
    int first = Pages.index(offset);
    for (Chunks c = new Chunks(offset, length); c.next(); ) {
      consumer.accept(page(first, c.page()), c.offset(), c.length());
    }
  }

  private byte[] page(int first, int index) {
    byte[] page = pages[index - first];
    if (page == PageTable.UNLOADED) {
      page = source.load(index);
    }
    return page == null ? PageTable.ZERO_PAGE : page;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (source != null) {
        source.close();
      }
      onClose.run();
    }
  }
}
