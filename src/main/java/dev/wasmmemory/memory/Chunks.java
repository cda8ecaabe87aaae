package dev.wasmmemory.memory;

/**
 * Walks a region one page-sized chunk at a time, the one place that cuts a region at page
 * boundaries. A region is checked by the caller; {@code length} may be 0.
 *
 * <pre>{@code
 * for (Chunks c = new Chunks(address, length); c.next(); ) {
 *   byte[] page = table.page(c.page()); // bytes [c.offset(), c.offset() + c.length())
 * }
 * }</pre>
 */
final class Chunks {
  private long address;
  private long remaining;
  private int length;
  private long done;

  Chunks(long address, long length) {
    this.address = address;
    this.remaining = length;
  }

  /** Moves to the next chunk; false when the region is exhausted. */
  boolean next() {
    address += length;
    remaining -= length;
    done += length;
    if (remaining <= 0) {
      length = 0;
      return false;
    }
    length = (int) Math.min(Pages.PAGE_SIZE - Pages.offset(address), remaining);
    return true;
  }

  /** The index of the current chunk's page. */
  int page() {
    return Pages.index(address);
  }

  /** Where the current chunk starts within its page. */
  int offset() {
    return Pages.offset(address);
  }

  /** Bytes in the current chunk: at most a page, never 0. */
  int length() {
    return length;
  }

  /** Bytes of the region before the current chunk. */
  long done() {
    return done;
  }

  /** True when the current chunk is a whole page. */
  boolean wholePage() {
    return length == Pages.PAGE_SIZE;
  }
}
