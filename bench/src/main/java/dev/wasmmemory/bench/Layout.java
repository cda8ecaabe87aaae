package dev.wasmmemory.bench;

import dev.wasmmemory.memory.Pages;

/**
 * Where the benchmarks work in the memory. Bulk regions start off page boundaries, so 1 MiB spans
 * 17 pages and the engine's and Chicory's page-at-a-time loops do their edge chunks too.
 */
final class Layout {
  /** 64 pages: 4 MiB, every page written once in setup so none reads as a free zero page. */
  static final int PAGES = 64;

  static final int SIZE = PAGES * Pages.PAGE_SIZE;

  static final int KIB_4 = 4 << 10;
  static final int MIB_1 = 1 << 20;

  /** Start of the region that get, getInto and set move. */
  static final int BULK_AT = 3 * Pages.PAGE_SIZE + 100;

  /** copy moves 1 MiB from here to {@link #COPY_TO}; the regions do not overlap. */
  static final int COPY_FROM = 3 * Pages.PAGE_SIZE + 100;

  /** A different offset within its page than {@link #COPY_FROM}: two chunks per page. */
  static final int COPY_TO = 40 * Pages.PAGE_SIZE + 300;

  static final int FILL_AT = 20 * Pages.PAGE_SIZE + 200;

  /** Not zero: the engine drops whole pages filled with zeros, which would flatter it. */
  static final byte FILL_VALUE = 0x5A;

  private Layout() {}
}
