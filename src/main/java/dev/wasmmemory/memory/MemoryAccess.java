package dev.wasmmemory.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Unlocked access to one memory while {@link LinearMemory#exclusive} holds it: what a WebAssembly
 * call or a batch of operations runs against. Each access checks its bounds (throwing {@link
 * OutOfBoundsException}, which changes nothing) but takes no lock, so a call pays the memory's lock
 * once, not once per load and store. Valid only inside the action it was handed to.
 *
 * <p>Addresses and lengths are unsigned 32-bit values in {@code long}s, as everywhere in the
 * engine. Loads and stores of 1, 2, 4 and 8 bytes are little-endian and may cross pages.
 *
 * <p>The typed loads and stores ({@link #loadInt}, {@link #storeInt} …) keep the page they last
 * read and the 4 KiB chunk they last wrote ready: the next access is usually there too, and then it
 * is one subtraction, one range check and one array access — what a compiled WebAssembly function
 * does millions of times a call. The page written is allocated, unshared and loaded once; the
 * chunks written on it are collected in a mask handed to the table when the cursor moves to another
 * page or the action ends. A chunk's bit is set when the cursor moves onto the chunk, so a store on
 * the fast path records nothing (a mask update per store cost a compiled loop a third of its
 * speed); moving to another chunk of the same page is cheap, and a store across two chunks takes
 * the slow path. Every other operation goes through the table and forgets both cursors, so neither
 * can go stale.
 */
public final class MemoryAccess {
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** A base no address is near: every cursor check fails against it. */
  private static final long NOWHERE = Long.MIN_VALUE / 2;

  private final String memoryId;
  private final PageTable table;
  private final int maximumPages;
  private final long version;
  private final int initialPages;
  private long sizeBytes;
  private boolean wrote;
  private boolean open = true;

  /** The address of the page loads read from ({@link #readPage}), or NOWHERE. */
  private long readBase = NOWHERE;

  /** That page's bytes: the table's page, or the zero page for a page without storage. */
  private byte[] readPage;

  /** The address of the page stores write to ({@link #writePage}), or NOWHERE. */
  private long writePageBase = NOWHERE;

  /** That page, writable (allocated, unshared); its chunks written so far in {@link #writeMask}. */
  private byte[] writePage;

  private int writeMask;

  /**
   * The address of the chunk of {@link #writePage} that stores on the fast path go to, or NOWHERE;
   * its bit is already in {@link #writeMask}.
   */
  private long writeBase = NOWHERE;

  /** That chunk's offset in {@link #writePage}. */
  private int writeDelta;

  /**
   * The region stored to so far, {@code [changedFrom, changedTo)}, cursor chunks not flushed aside.
   */
  private long changedFrom = Long.MAX_VALUE;

  private long changedTo = Long.MIN_VALUE;

  MemoryAccess(String memoryId, PageTable table, int maximumPages, long version) {
    this.memoryId = memoryId;
    this.table = table;
    this.maximumPages = maximumPages;
    this.version = version;
    this.initialPages = table.count();
    this.sizeBytes = Pages.toBytes(table.count());
  }

  /**
   * The memory's version when the action began: an action that {@link #wrote} leaves the memory one
   * version higher, one that did not leaves it there.
   */
  public long version() {
    return version;
  }

  public String memoryId() {
    return memoryId;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public int currentPages() {
    return table.count();
  }

  /** The most pages the memory may grow to: its own maximum, or 65536. */
  public int maximumPages() {
    return maximumPages;
  }

  /**
   * WebAssembly's {@code memory.grow}: the previous size in pages, or -1 (and nothing grown) when
   * {@code pages} would pass the maximum. Pages cost no storage until written.
   */
  public int grow(long pages) {
    check();
    int current = table.count();
    if (pages < 0 || pages > maximumPages - current) {
      return -1;
    }
    if (pages > 0) {
      table.grow(current + (int) pages);
      sizeBytes = Pages.toBytes(table.count());
      wrote = true;
    }
    return current;
  }

  // ---- typed loads and stores: the cursor's fast paths ----

  public byte loadByte(long address) {
    long at = address - readBase;
    return at >= 0 && at <= Pages.PAGE_SIZE - 1 ? readPage[(int) at] : (byte) loadSlow(address, 1);
  }

  public short loadShort(long address) {
    long at = address - readBase;
    return at >= 0 && at <= Pages.PAGE_SIZE - 2
        ? (short) SHORT.get(readPage, (int) at)
        : (short) loadSlow(address, 2);
  }

  public int loadInt(long address) {
    long at = address - readBase;
    return at >= 0 && at <= Pages.PAGE_SIZE - 4
        ? (int) INT.get(readPage, (int) at)
        : (int) loadSlow(address, 4);
  }

  public long loadLong(long address) {
    long at = address - readBase;
    return at >= 0 && at <= Pages.PAGE_SIZE - 8
        ? (long) LONG.get(readPage, (int) at)
        : loadSlow(address, 8);
  }

  public void storeByte(long address, byte value) {
    long at = address - writeBase;
    if (at >= 0 && at <= Pages.CHUNK_SIZE - 1) {
      writePage[writeDelta + (int) at] = value;
    } else {
      storeSlow(address, 1, value & 0xFFL);
    }
  }

  public void storeShort(long address, short value) {
    long at = address - writeBase;
    if (at >= 0 && at <= Pages.CHUNK_SIZE - 2) {
      SHORT.set(writePage, writeDelta + (int) at, value);
    } else {
      storeSlow(address, 2, value & 0xFFFFL);
    }
  }

  public void storeInt(long address, int value) {
    long at = address - writeBase;
    if (at >= 0 && at <= Pages.CHUNK_SIZE - 4) {
      INT.set(writePage, writeDelta + (int) at, value);
    } else {
      storeSlow(address, 4, value & 0xFFFF_FFFFL);
    }
  }

  public void storeLong(long address, long value) {
    long at = address - writeBase;
    if (at >= 0 && at <= Pages.CHUNK_SIZE - 8) {
      LONG.set(writePage, writeDelta + (int) at, value);
    } else {
      storeSlow(address, 8, value);
    }
  }

  /**
   * The {@code width} (1, 2, 4 or 8) bytes at {@code address}, little-endian, zero-extended; on the
   * read cursor's page as fast as {@link #loadLong} (a batch's and a module's generic loads).
   */
  public long load(long address, int width) {
    long at = address - readBase;
    if (at >= 0 && at <= Pages.PAGE_SIZE - width) {
      return LittleEndian.load(readPage, (int) at, width);
    }
    return loadSlow(address, width);
  }

  private long loadSlow(long address, int width) {
    check();
    Bounds.check(memoryId, "address", address, width, sizeBytes);
    if (!Pages.fitsInOnePage(address, width)) {
      return RegionAccess.load(table, address, width);
    }
    int index = Pages.index(address);
    if (Pages.toBytes(index) != readBase) {
      byte[] page = Pages.toBytes(index) == writePageBase ? writePage : table.page(index);
      readPage = page == null ? PageTable.ZERO_PAGE : page;
      readBase = Pages.toBytes(index);
    }
    return LittleEndian.load(readPage, Pages.offset(address), width);
  }

  /**
   * Stores the low {@code width} (1, 2, 4 or 8) bytes of {@code bits} at {@code address}; in the
   * write cursor's chunk as fast as {@link #storeLong}.
   */
  public void store(long address, int width, long bits) {
    long at = address - writeBase;
    if (at >= 0 && at <= Pages.CHUNK_SIZE - width) {
      LittleEndian.store(writePage, writeDelta + (int) at, width, bits);
    } else {
      storeSlow(address, width, width == 8 ? bits : bits & ((1L << width * 8) - 1));
    }
  }

  private void storeSlow(long address, int width, long bits) {
    check();
    Bounds.check(memoryId, "address", address, width, sizeBytes);
    int index = Pages.index(address);
    if (!Pages.fitsInOnePage(address, width)) {
      forgetPages();
      RegionAccess.store(table, address, width, bits);
      changed(address, width);
      wrote = true;
      return;
    }
    if (Pages.toBytes(index) != writePageBase) {
      if (bits == 0 && !table.stored(index)) {
        changed(address, width);
        wrote = true;
        return; // zeros on a page of zeros: nothing to store, nothing to allocate
      }
      moveWriteCursor(index); // may be refused by the budget: then nothing was written
    }
    wrote = true;
    int offset = Pages.offset(address);
    LittleEndian.store(writePage, offset, width, bits);
    writeMask |= Pages.chunkMask(offset, width);
    writeDelta = offset & -Pages.CHUNK_SIZE;
    writeBase = writePageBase + writeDelta;
  }

  /** Makes page {@code index} the page stores write to (and loads read from). */
  private void moveWriteCursor(int index) {
    flushWrites();
    if (!table.stored(index) || table.frozen(index)) {
      table.reserve(1);
    }
    // The whole page is claimed writable here; the chunks actually written are recorded later.
    writePage = table.writable(index, 0, 0);
    writePageBase = Pages.toBytes(index);
    readPage = writePage;
    readBase = writePageBase;
  }

  /**
   * Hands the chunks written through the cursor to the table; the next store re-aims the cursor, so
   * that its chunk is recorded again.
   */
  private void flushWrites() {
    if (writeMask != 0) {
      table.written(Pages.index(writePageBase), writeMask);
      changedChunks(writeMask);
      writeMask = 0;
    }
    writeBase = NOWHERE;
  }

  /** Before an operation that goes through the table: the cursors' pages may change under it. */
  private void forgetPages() {
    flushWrites();
    writePageBase = NOWHERE;
    writePage = null;
    readBase = NOWHERE;
    readPage = null;
  }

  // ---- bulk operations, through the table ----

  /** Copies {@code length} bytes from {@code address} into {@code target} from {@code from}. */
  public void read(long address, byte[] target, int from, int length) {
    check();
    Bounds.check(memoryId, "address", address, length, sizeBytes);
    flushWrites();
    RegionAccess.read(table, address, target, from, length);
  }

  /** Writes {@code length} bytes of {@code source} from {@code from} at {@code address}. */
  public void write(long address, byte[] source, int from, int length) {
    check();
    Bounds.check(memoryId, "address", address, length, sizeBytes);
    forgetPages();
    RegionAccess.write(table, address, source, from, length);
    changed(address, length);
    wrote = true;
  }

  /** memset of {@code length} bytes from {@code address}. */
  public void fill(long address, long length, byte value) {
    check();
    Bounds.check(memoryId, "address", address, length, sizeBytes);
    forgetPages();
    RegionAccess.fill(table, address, length, value);
    changed(address, length);
    wrote = true;
  }

  /** memmove within the memory. */
  public void copy(long sourceAddress, long targetAddress, long length) {
    check();
    Bounds.check(memoryId, "sourceOffset", sourceAddress, length, sizeBytes);
    Bounds.check(memoryId, "destinationOffset", targetAddress, length, sizeBytes);
    forgetPages();
    RegionAccess.copy(table, sourceAddress, table, targetAddress, length);
    changed(targetAddress, length);
    wrote = true;
  }

  /**
   * Pages of {@code [address, address + length)} that hold no storage: what writing there may have
   * to materialise. The region must be within the memory.
   */
  public long absentPages(long address, long length) {
    check();
    Bounds.check(memoryId, "offset", address, length, sizeBytes);
    return RegionAccess.absentPages(table, address, length);
  }

  /**
   * Takes {@code pages} pages from the budget for what follows (a batch, whose pages are counted
   * before it changes anything), or throws {@link MemoryBudgetExceededException} having taken none.
   * What the action does not use goes back when it ends.
   */
  public void prepay(long pages) {
    check();
    table.reserve(pages);
  }

  /** Whether anything was grown or stored through this access so far. */
  public boolean wrote() {
    return wrote;
  }

  /**
   * What the action changed so far, for the memory's watchers, or null when it changed nothing;
   * valid as the action's own change once the action ends without another store.
   */
  public AccessChange change() {
    if (!wrote) {
      return null;
    }
    long from = changedFrom;
    long to = changedTo;
    if (writeMask != 0) {
      from = Math.min(from, writePageBase + chunkStart(writeMask));
      to = Math.max(to, writePageBase + chunkEnd(writeMask));
    }
    boolean stored = from < to;
    return new AccessChange(
        memoryId,
        version + 1,
        stored ? from : 0,
        stored ? to - from : 0,
        initialPages,
        table.count());
  }

  private void changed(long address, long length) {
    if (length > 0) {
      changedFrom = Math.min(changedFrom, address);
      changedTo = Math.max(changedTo, address + length);
    }
  }

  /** The cursor's chunks in {@code mask}, as one region from the first to the last. */
  private void changedChunks(int mask) {
    changed(writePageBase + chunkStart(mask), chunkEnd(mask) - chunkStart(mask));
  }

  private static long chunkStart(int mask) {
    return (long) Integer.numberOfTrailingZeros(mask) << Pages.CHUNK_SHIFT;
  }

  private static long chunkEnd(int mask) {
    return (long) (32 - Integer.numberOfLeadingZeros(mask)) << Pages.CHUNK_SHIFT;
  }

  /** Ends the access: the action returned, and a kept reference must not write any more. */
  void end() {
    forgetPages();
    open = false;
  }

  private void check() {
    if (!open) {
      throw new IllegalStateException("memory access used after its exclusive action ended");
    }
  }
}
