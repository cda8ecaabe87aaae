package dev.wasmmemory.memory;

import java.util.Arrays;

/**
 * A memory's pages as they were at one instant: the content of a snapshot. It shares the memory's
 * pages instead of copying them (the memory copies a page before it next writes it), so taking one
 * costs a table of references, not the bytes. Immutable; safe to read from any thread.
 *
 * <p>A page is null (zeros), an array in the heap, or {@link PageTable#UNLOADED} for one its store
 * keeps, read through {@link #source}. Each page has an identity that every holder of the same page
 * shares (the array itself in the heap, the store's block otherwise): equal identities mean equal
 * bytes, so a diff skips them unread.
 */
public final class FrozenPages {
  private final byte[][] pages;
  private final Object[] ids;
  private final long version;
  private final PageStore.PageSource source;

  FrozenPages(byte[][] pages, Object[] ids, long version, PageStore.PageSource source) {
    this.pages = pages;
    this.ids = ids;
    this.version = version;
    this.source = source;
  }

  /**
   * Pages a store keeps for a snapshot it read back (after a restart): {@code ids[i]} names page
   * {@code i} (null for zeros), read through {@code source}.
   */
  public static FrozenPages stored(Object[] ids, long version, PageStore.PageSource source) {
    byte[][] pages = new byte[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      pages[i] = ids[i] == null ? null : PageTable.UNLOADED;
    }
    return new FrozenPages(pages, ids.clone(), version, source);
  }

  /** The memory's version at that instant. */
  public long version() {
    return version;
  }

  /** The memory's size in pages at that instant. */
  public int pages() {
    return pages.length;
  }

  public long sizeBytes() {
    return Pages.toBytes(pages.length);
  }

  /** Pages that held storage. */
  public int storedPages() {
    int n = 0;
    for (byte[] page : pages) {
      if (page != null) {
        n++;
      }
    }
    return n;
  }

  /** The identity of page {@code index}, null for a page of zeros. */
  public Object identity(int index) {
    return ids[index];
  }

  /** The identities of every page, for a store that keeps them. */
  public Object[] identities() {
    return ids.clone();
  }

  /** Whether page {@code index} is the same page here and in {@code other} (same bytes, unread). */
  public boolean samePage(int index, FrozenPages other) {
    Object id = ids[index];
    return id != null && index < other.pages.length && id.equals(other.ids[index]);
  }

  /** Page {@code index}'s bytes (never to be written), or null when it holds only zeros. */
  public byte[] page(int index) {
    byte[] page = pages[index];
    return page == PageTable.UNLOADED ? source.load(index) : page;
  }

  /** The raw entry, for a memory that takes these pages back. */
  byte[] entry(int index) {
    return pages[index];
  }

  /**
   * The bytes of {@code [offset, offset + length)} ({@code length} {@link LinearMemory#TO_END}: to
   * the end), served like a memory's view (of memory {@code memoryId}, for the out-of-bounds
   * error); it needs no closing, but may be closed.
   */
  public RegionView view(String memoryId, long offset, long length) {
    long size = sizeBytes();
    long count = length == LinearMemory.TO_END ? Math.max(0, size - offset) : length;
    Bounds.check(memoryId, "offset", offset, count, size);
    byte[][] refs =
        count == 0
            ? new byte[0][]
            : Arrays.copyOfRange(pages, Pages.index(offset), Pages.lastIndex(offset, count) + 1);
    PageStore.PageSource shared =
        source == null
            ? null
            : new PageStore.PageSource() {
              @Override
              public byte[] load(int index) {
                return source.load(index);
              }

              @Override
              public void close() {}
            };
    return new PagedRegionView(refs, offset, count, version, size, shared, () -> {});
  }
}
