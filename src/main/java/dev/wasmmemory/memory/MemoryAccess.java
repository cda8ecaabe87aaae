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
 */
public final class MemoryAccess {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final String memoryId;
  private final PageTable table;
  private final int maximumPages;
  private long sizeBytes;
  private final long version;
  private boolean wrote;
  private boolean open = true;

  MemoryAccess(String memoryId, PageTable table, int maximumPages, long version) {
    this.memoryId = memoryId;
    this.table = table;
    this.maximumPages = maximumPages;
    this.version = version;
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

  /** The {@code width} (1, 2, 4 or 8) bytes at {@code address}, little-endian, zero-extended. */
  public long load(long address, int width) {
    check();
    int offset = Pages.offset(address);
    if (address >= 0 && address <= sizeBytes - width && offset <= Pages.PAGE_SIZE - width) {
      byte[] page = table.page(Pages.index(address));
      return page == null ? 0 : LittleEndian.load(page, offset, width);
    }
    Bounds.check(memoryId, "address", address, width, sizeBytes);
    return RegionAccess.load(table, address, width);
  }

  /**
   * {@link #load} of 4 bytes as an {@code int}: WebAssembly's most frequent access, kept small
   * enough for the JIT to inline into compiled code (no width switch).
   */
  public int loadInt(long address) {
    check();
    int offset = Pages.offset(address);
    if (address >= 0 && address <= sizeBytes - 4 && offset <= Pages.PAGE_SIZE - 4) {
      byte[] page = table.page(Pages.index(address));
      return page == null ? 0 : (int) INT.get(page, offset);
    }
    return (int) load(address, 4);
  }

  /**
   * {@link #store} of an {@code int}: on a page that holds storage, within it, one write through
   * the table (which copies a page an open view shares and records the change for the store);
   * everything else takes the general path.
   */
  public void storeInt(long address, int value) {
    check();
    int offset = Pages.offset(address);
    if (address >= 0 && address <= sizeBytes - 4 && offset <= Pages.PAGE_SIZE - 4) {
      int index = Pages.index(address);
      if (table.page(index) != null) {
        INT.set(table.writable(index, offset, 4), offset, value);
        wrote = true;
        return;
      }
    }
    store(address, 4, value & 0xFFFF_FFFFL);
  }

  /** Stores the low {@code width} (1, 2, 4 or 8) bytes of {@code bits} at {@code address}. */
  public void store(long address, int width, long bits) {
    check();
    Bounds.check(memoryId, "address", address, width, sizeBytes);
    RegionAccess.store(table, address, width, width == 8 ? bits : bits & ((1L << width * 8) - 1));
    wrote = true;
  }

  /** Copies {@code length} bytes from {@code address} into {@code target} from {@code from}. */
  public void read(long address, byte[] target, int from, int length) {
    check();
    Bounds.check(memoryId, "address", address, length, sizeBytes);
    RegionAccess.read(table, address, target, from, length);
  }

  /** Writes {@code length} bytes of {@code source} from {@code from} at {@code address}. */
  public void write(long address, byte[] source, int from, int length) {
    check();
    Bounds.check(memoryId, "address", address, length, sizeBytes);
    RegionAccess.write(table, address, source, from, length);
    wrote = true;
  }

  /** memset of {@code length} bytes from {@code address}. */
  public void fill(long address, long length, byte value) {
    check();
    Bounds.check(memoryId, "address", address, length, sizeBytes);
    RegionAccess.fill(table, address, length, value);
    wrote = true;
  }

  /** memmove within the memory. */
  public void copy(long sourceAddress, long targetAddress, long length) {
    check();
    Bounds.check(memoryId, "sourceOffset", sourceAddress, length, sizeBytes);
    Bounds.check(memoryId, "destinationOffset", targetAddress, length, sizeBytes);
    RegionAccess.copy(table, sourceAddress, table, targetAddress, length);
    wrote = true;
  }

  /**
   * Pages of {@code [address, address + length)} that hold no storage: what writing there may have
   * to materialise. The region must be within the memory.
   */
  public long absentPages(long address, long length) {
    check();
    Bounds.check(memoryId, "offset", address, length, sizeBytes);
    return table.absentPages(address, length);
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

  /** Ends the access: the action returned, and a kept reference must not write any more. */
  void end() {
    open = false;
  }

  private void check() {
    if (!open) {
      throw new IllegalStateException("memory access used after its exclusive action ended");
    }
  }
}
