package dev.wasmmemory.memory;

/**
 * The page arithmetic of a WebAssembly linear memory: 64 KiB pages, at most 65536 of them (4 GiB).
 */
public final class Pages {
  /** log2 of {@link #PAGE_SIZE}. */
  public static final int PAGE_SHIFT = 16;

  /** Bytes in one WebAssembly page (64 KiB). */
  public static final int PAGE_SIZE = 1 << PAGE_SHIFT;

  /** Mask of an address's offset within its page. */
  public static final int PAGE_MASK = PAGE_SIZE - 1;

  /** The most pages a 32-bit memory can have: 65536 pages are 4 GiB. */
  public static final int MAX_PAGES = 1 << 16;

  /** Bytes in the largest memory (4 GiB). */
  public static final long MAX_BYTES = (long) MAX_PAGES << PAGE_SHIFT;

  /** log2 of {@link #CHUNK_SIZE}. */
  public static final int CHUNK_SHIFT = 12;

  /**
   * The unit in which persistent stores record changes (4 KiB): a typed write rewrites one chunk,
   * not a whole page.
   */
  public static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;

  /** Chunks in one page (16). */
  public static final int CHUNKS_PER_PAGE = PAGE_SIZE / CHUNK_SIZE;

  /** The largest unsigned 32-bit value, the upper end of every offset and length. */
  public static final long MAX_U32 = 0xFFFF_FFFFL;

  private Pages() {}

  /** Bytes in {@code pages} pages. */
  public static long toBytes(long pages) {
    return pages << PAGE_SHIFT;
  }

  static int index(long address) {
    return (int) (address >>> PAGE_SHIFT);
  }

  static int offset(long address) {
    return (int) (address & PAGE_MASK);
  }

  /** Pages touched by the non-empty region {@code [address, address + length)}: first and last. */
  static int lastIndex(long address, long length) {
    return index(address + length - 1);
  }

  /** Whether {@code length} bytes from {@code address} lie within one page: the fast paths. */
  static boolean fitsInOnePage(long address, int length) {
    return offset(address) <= PAGE_SIZE - length;
  }

  /** The chunks of a page that {@code [offset, offset + length)} (within the page) touches. */
  static int chunkMask(int offset, int length) {
    if (length == 0) {
      return 0;
    }
    int first = offset >>> CHUNK_SHIFT;
    int last = (offset + length - 1) >>> CHUNK_SHIFT;
    return (int) (((1L << (last + 1)) - 1) & ~((1L << first) - 1));
  }
}
