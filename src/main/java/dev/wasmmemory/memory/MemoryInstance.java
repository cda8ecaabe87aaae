package dev.wasmmemory.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongSupplier;

/**
 * A WebAssembly linear memory with the operations of wasmi's {@code MemoryInstance}: zeroed, sized
 * in 64 KiB pages, sparse (a page never written costs no heap), up to 65536 pages (4 GiB).
 *
 * <p>Offsets and lengths are unsigned 32-bit values carried in {@code long}s. Every operation
 * checks its regions and limits before it moves a byte, so one that throws a {@link
 * MemoryException} has changed nothing. Operations are linearizable: writes take the memory's write
 * lock, reads share its read lock (small typed reads run optimistically, without locking), and
 * {@link #transfer} locks two memories in a global order.
 */
public final class MemoryInstance {
  /** Reads up to this size are copied under the lock; larger ones stream from a view. */
  private static final int COPY_READ_LIMIT = 1 << 20;

  /** Taken only to order two memories whose random lock orders are equal. */
  private static final Object TIE_LOCK = new Object();

  /** The memory's storage and lock, shared with its {@link #ifVersion} views. */
  private final State state;

  private final int initialPages;

  /** The memory's own maximum, or -1 when it has none. */
  private final int maximumPages;

  /** The version a mutation through this view requires, or {@link #ANY_VERSION}. */
  private final long expectedVersion;

  private static final long ANY_VERSION = -1;

  /** What a memory and its views share: everything mutable, guarded by {@link #lock}. */
  private static final class State {
    final StampedLock lock = new StampedLock();
    final long lockOrder = ThreadLocalRandom.current().nextLong();

    /** Read racily by optimistic readers, which validate afterwards. */
    final PageTable table;

    /** {@code table.count()} in bytes. */
    long sizeBytes;

    /** Counts successful mutations: the base of the memory's entity tag. */
    long version;

    boolean closed;

    State(PageTable table, long sizeBytes) {
      this.table = table;
      this.sizeBytes = sizeBytes;
    }
  }

  private MemoryInstance(int initialPages, int maximumPages, PageBudget budget) {
    this.initialPages = initialPages;
    this.maximumPages = maximumPages;
    this.state = new State(new PageTable(budget, initialPages), Pages.toBytes(initialPages));
    this.expectedVersion = ANY_VERSION;
  }

  private MemoryInstance(MemoryInstance memory, long expectedVersion) {
    this.state = memory.state;
    this.initialPages = memory.initialPages;
    this.maximumPages = memory.maximumPages;
    this.expectedVersion = expectedVersion;
  }

  /** A memory of {@code initialPages} with no maximum of its own and no budget. */
  public static MemoryInstance alloc(long initialPages, Long maximumPages) {
    return alloc(initialPages, maximumPages, PageBudget.UNLIMITED);
  }

  /**
   * A zeroed memory of {@code initialPages}; {@code maximumPages} null means none (65536 applies).
   */
  public static MemoryInstance alloc(long initialPages, Long maximumPages, PageBudget budget) {
    if (initialPages < 0 || initialPages > Pages.MAX_PAGES) {
      throw new InvalidLimitsException(initialPages, maximumPages, "initial must be 0..65536");
    }
    if (maximumPages != null && (maximumPages < 0 || maximumPages > Pages.MAX_PAGES)) {
      throw new InvalidLimitsException(initialPages, maximumPages, "maximum must be 0..65536");
    }
    if (maximumPages != null && initialPages > maximumPages) {
      throw new InvalidLimitsException(initialPages, maximumPages, "initial exceeds maximum");
    }
    return new MemoryInstance(
        (int) initialPages, maximumPages == null ? -1 : maximumPages.intValue(), budget);
  }

  // ---- limits and size ----

  public int initialPages() {
    return initialPages;
  }

  /** The memory's own maximum in pages; empty when none was given. */
  public OptionalInt maximumPages() {
    return maximumPages < 0 ? OptionalInt.empty() : OptionalInt.of(maximumPages);
  }

  public int currentPages() {
    return (int) (sizeBytes() >>> Pages.PAGE_SHIFT);
  }

  public long sizeBytes() {
    return read(() -> state.sizeBytes);
  }

  /** Pages that hold storage; the others read as zeros and cost nothing. */
  public int materializedPages() {
    return (int) read(state.table::materialized);
  }

  /** A number that changes with every successful mutation. */
  public long version() {
    // Plain field read optimistically: a volatile one would add a fence to every write.
    long stamp = state.lock.tryOptimisticRead();
    long version = state.version;
    if (stamp != 0 && state.lock.validate(stamp)) {
      return version;
    }
    stamp = state.lock.readLock();
    try {
      return state.version;
    } finally {
      state.lock.unlockRead(stamp);
    }
  }

  /**
   * This memory, for mutations that apply only while its {@link #version()} is {@code expected}:
   * checked under the write lock, so no other write can slip in between (HTTP's {@code If-Match}).
   * A mutation through it at another version throws {@link VersionMismatchException}.
   */
  public MemoryInstance ifVersion(long expected) {
    return new MemoryInstance(this, expected);
  }

  private void checkVersion() {
    if (expectedVersion != ANY_VERSION && expectedVersion != state.version) {
      throw new VersionMismatchException(expectedVersion, state.version);
    }
  }

  /**
   * Grows the memory by {@code pages} zeroed pages and returns its previous size in pages. Past the
   * maximum (its own, or 65536) it throws {@link GrowLimitExceededException} and grows nothing.
   */
  public int grow(long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("pages must not be negative: " + pages);
    }
    long stamp = writeLock();
    try {
      checkVersion();
      int current = state.table.count();
      int limit = maximumPages < 0 ? Pages.MAX_PAGES : maximumPages;
      if (pages > limit - current) {
        throw new GrowLimitExceededException(current, pages, limit);
      }
      if (pages > 0) {
        state.table.grow(current + (int) pages);
        state.sizeBytes = Pages.toBytes(state.table.count());
        state.version++;
      }
      return current;
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  // ---- bytes ----

  /** A copy of the bytes of {@code [offset, offset + length)}; length at most 2^31 - 9. */
  public byte[] get(long offset, long length) {
    // Checked before the buffer is allocated, so a huge out-of-bounds length costs no heap; a
    // memory never shrinks, so the region is still in bounds when read under the lock below.
    Bounds.check(offset, length, sizeBytes());
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("region too large for one array: " + length);
    }
    byte[] bytes = new byte[(int) length];
    read(
        () -> {
          Bounds.check(offset, length, state.sizeBytes);
          RegionAccess.read(state.table, offset, bytes, 0, bytes.length);
          return 0;
        });
    return bytes;
  }

  /** Fills {@code target} with the bytes from {@code offset}. */
  public void getInto(long offset, byte[] target) {
    if (target.length <= Pages.PAGE_SIZE && tryReadInPage(offset, target)) {
      return;
    }
    read(
        () -> {
          Bounds.check(offset, target.length, state.sizeBytes);
          RegionAccess.read(state.table, offset, target, 0, target.length);
          return 0;
        });
  }

  /**
   * An optimistic read of a region within one page, validated afterwards; false when it must be
   * retried under the read lock (a writer came in, or the region is not simple).
   */
  private boolean tryReadInPage(long offset, byte[] target) {
    long stamp = state.lock.tryOptimisticRead();
    if (stamp == 0) {
      return false;
    }
    byte[][] pages = state.table.array();
    int length = target.length;
    int pageOffset = Pages.offset(offset);
    int index = Pages.index(offset);
    if (!Bounds.inBounds(offset, length, state.sizeBytes)
        || pageOffset > Pages.PAGE_SIZE - length
        || index >= pages.length) {
      return false;
    }
    byte[] page = pages[index];
    if (page == null) {
      Arrays.fill(target, (byte) 0);
    } else {
      System.arraycopy(page, pageOffset, target, 0, length);
    }
    return state.lock.validate(stamp) && !state.closed;
  }

  /** Writes {@code bytes} at {@code offset}. */
  public void set(long offset, byte[] bytes) {
    set(offset, bytes, 0, bytes.length);
  }

  /** Writes {@code length} bytes of {@code source} from {@code from} at {@code offset}. */
  public void set(long offset, byte[] source, int from, int length) {
    // Checked first: a slice past the array's end would fail after earlier pages were written.
    Objects.checkFromIndexSize(from, length, source.length);
    long stamp = beginWrite();
    try {
      Bounds.check(offset, length, state.sizeBytes);
      RegionAccess.write(state.table, offset, source, from, length);
      state.version++;
    } finally {
      endWrite(stamp);
    }
  }

  /**
   * Writes {@code [offset, offset + length)} to {@code out} as it was at one instant, without
   * holding the lock while {@code out} blocks: a page at a time from a {@link #view}.
   */
  public void readTo(long offset, long length, OutputStream out) throws IOException {
    if (length >= 0 && length <= COPY_READ_LIMIT) {
      out.write(get(offset, length));
      return;
    }
    try (RegionView view = view(offset, length)) {
      view.transferTo(out);
    }
  }

  /**
   * Read-only direct access: a consistent view of {@code [offset, offset + length)} that does not
   * block writers. Close it when done.
   */
  public RegionView view(long offset, long length) {
    long stamp = writeLock();
    try {
      Bounds.check(offset, length, state.sizeBytes);
      return state.table.openView(offset, length);
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  /**
   * Writes the bytes of {@code in} from {@code offset}: exactly {@code length} of them, or when
   * {@code length} is negative all up to the end of the stream. The bytes are staged outside the
   * lock and applied at once; a stream that ends early ({@link java.io.EOFException}), fails, or
   * holds more than fits changes nothing. Returns the number of bytes written.
   */
  public long writeFrom(long offset, long length, InputStream in) throws IOException {
    long size = sizeBytes();
    Bounds.check(offset, Math.max(length, 0), size);
    StagedWrite staged =
        StagedWrite.read(
            in, offset, length, size - offset, size, state.table.budget(), this::isStored);
    try {
      mutate(() -> staged.commit(state.table));
    } finally {
      staged.discard();
    }
    return staged.length();
  }

  /** Whether page {@code index} (within the memory) holds storage now. */
  private boolean isStored(int index) {
    long stamp = readLock();
    try {
      return state.table.page(index) != null;
    } finally {
      state.lock.unlockRead(stamp);
    }
  }

  /**
   * Mutable direct access: hands each page-sized chunk of {@code [offset, offset + length)} to
   * {@code visitor} as a writable little-endian buffer, under the write lock. What the visitor
   * wrote before it threw stays written.
   */
  public void withDirectAccessMut(long offset, long length, RegionView.ChunkConsumer visitor)
      throws IOException {
    long stamp = writeLock();
    try {
      checkVersion();
      Bounds.check(offset, length, state.sizeBytes);
      state.table.beginOperation();
      state.table.reserve(state.table.absentPages(offset, length));
      state.version++;
      for (long address = offset, end = offset + length; address < end; ) {
        int pageOffset = Pages.offset(address);
        int n = (int) Math.min(Pages.PAGE_SIZE - pageOffset, end - address);
        byte[] page = state.table.writable(Pages.index(address));
        visitor.accept(ByteBuffer.wrap(page, pageOffset, n).slice().order(ByteOrder.LITTLE_ENDIAN));
        address += n;
      }
    } finally {
      state.table.endOperation();
      state.lock.unlockWrite(stamp);
    }
  }

  // ---- typed values ----

  /** The raw little-endian bits of the {@code type} value at {@code offset}, zero-extended. */
  public long getBits(ValueType type, long offset) {
    int width = type.width();
    long stamp = state.lock.tryOptimisticRead();
    if (stamp != 0) {
      byte[][] pages = state.table.array();
      long size = state.sizeBytes;
      int pageOffset = Pages.offset(offset);
      int index = Pages.index(offset);
      if (Bounds.inBounds(offset, width, size)
          && pageOffset <= Pages.PAGE_SIZE - width
          && index < pages.length) {
        byte[] page = pages[index];
        long bits = page == null ? 0 : LittleEndian.load(page, pageOffset, width);
        if (state.lock.validate(stamp) && !state.closed) {
          return bits;
        }
      }
    }
    return read(
        () -> {
          Bounds.check(offset, width, state.sizeBytes);
          return RegionAccess.load(state.table, offset, width);
        });
  }

  /** Stores the low bytes of {@code bits} as a {@code type} value at {@code offset}. */
  public void setBits(ValueType type, long offset, long bits) {
    // Written out rather than through mutate(): a capturing lambda on this path is not inlined.
    long stamp = beginWrite();
    try {
      Bounds.check(offset, type.width(), state.sizeBytes);
      RegionAccess.store(state.table, offset, type.width(), bits & type.mask());
      state.version++;
    } finally {
      endWrite(stamp);
    }
  }

  // ---- copy, fill, erase ----

  /** memmove within this memory: the regions may overlap. */
  public void copy(long sourceOffset, long destinationOffset, long length) {
    mutate(
        () -> {
          Bounds.check(sourceOffset, length, state.sizeBytes);
          Bounds.check(destinationOffset, length, state.sizeBytes);
          RegionAccess.copy(state.table, sourceOffset, state.table, destinationOffset, length);
        });
  }

  /** Like {@link #copy}, but refuses regions that overlap with {@link RegionsOverlapException}. */
  public void copyNonOverlapping(long sourceOffset, long destinationOffset, long length) {
    mutate(
        () -> {
          Bounds.check(sourceOffset, length, state.sizeBytes);
          Bounds.check(destinationOffset, length, state.sizeBytes);
          if (Bounds.overlap(sourceOffset, destinationOffset, length)) {
            throw new RegionsOverlapException(sourceOffset, destinationOffset, length);
          }
          RegionAccess.copy(state.table, sourceOffset, state.table, destinationOffset, length);
        });
  }

  /**
   * Copies {@code length} bytes from {@code source} to {@code destination}; on one memory it is
   * {@link #copy}. Both memories are locked in a global order, so opposite transfers cannot
   * deadlock.
   */
  public static void transfer(
      MemoryInstance source,
      long sourceOffset,
      MemoryInstance destination,
      long destinationOffset,
      long length) {
    if (source.state == destination.state) {
      destination.copy(sourceOffset, destinationOffset, length);
      return;
    }
    if (source.state.lockOrder == destination.state.lockOrder) {
      synchronized (TIE_LOCK) {
        transferLocked(source, sourceOffset, destination, destinationOffset, length);
      }
    } else {
      transferLocked(source, sourceOffset, destination, destinationOffset, length);
    }
  }

  private static void transferLocked(
      MemoryInstance source,
      long sourceOffset,
      MemoryInstance destination,
      long destinationOffset,
      long length) {
    boolean sourceFirst = source.state.lockOrder <= destination.state.lockOrder;
    long first = sourceFirst ? source.state.lock.readLock() : destination.state.lock.writeLock();
    long second = sourceFirst ? destination.state.lock.writeLock() : source.state.lock.readLock();
    long sourceStamp = sourceFirst ? first : second;
    long destinationStamp = sourceFirst ? second : first;
    try {
      if (source.state.closed || destination.state.closed) {
        throw new MemoryClosedException();
      }
      destination.checkVersion();
      Bounds.check(sourceOffset, length, source.state.sizeBytes);
      Bounds.check(destinationOffset, length, destination.state.sizeBytes);
      destination.state.table.beginOperation();
      RegionAccess.copy(
          source.state.table, sourceOffset, destination.state.table, destinationOffset, length);
      destination.state.version++;
    } finally {
      destination.state.table.endOperation();
      destination.state.lock.unlockWrite(destinationStamp);
      source.state.lock.unlockRead(sourceStamp);
    }
  }

  /** memset: {@code length} bytes from {@code offset} set to {@code value}. */
  public void clear(long offset, byte value, long length) {
    mutate(
        () -> {
          Bounds.check(offset, length, state.sizeBytes);
          RegionAccess.fill(state.table, offset, length, value);
        });
  }

  /** Zeroes {@code length} bytes from {@code offset}; whole pages give their storage back. */
  public void zero(long offset, long length) {
    clear(offset, (byte) 0, length);
  }

  /** Sets every byte to zero and releases every page; the size is kept. */
  public void erase() {
    mutate(state.table::eraseAll);
  }

  /** Drops the memory: its pages go back to the budget and every later operation fails. */
  public void close() {
    long stamp = state.lock.writeLock();
    try {
      if (!state.closed) {
        state.closed = true;
        state.table.eraseAll();
      }
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  // ---- locking ----

  private long read(LongSupplier action) {
    long stamp = readLock();
    try {
      return action.getAsLong();
    } finally {
      state.lock.unlockRead(stamp);
    }
  }

  private void mutate(Runnable action) {
    long stamp = beginWrite();
    try {
      action.run();
      state.version++;
    } finally {
      endWrite(stamp);
    }
  }

  /** Takes the write lock for a mutation: open, at the expected version, operation begun. */
  private long beginWrite() {
    long stamp = writeLock();
    try {
      checkVersion();
    } catch (VersionMismatchException e) {
      state.lock.unlockWrite(stamp);
      throw e;
    }
    state.table.beginOperation();
    return stamp;
  }

  private void endWrite(long stamp) {
    state.table.endOperation();
    state.lock.unlockWrite(stamp);
  }

  private long readLock() {
    long stamp = state.lock.readLock();
    if (state.closed) {
      state.lock.unlockRead(stamp);
      throw new MemoryClosedException();
    }
    return stamp;
  }

  private long writeLock() {
    long stamp = state.lock.writeLock();
    if (state.closed) {
      state.lock.unlockWrite(stamp);
      throw new MemoryClosedException();
    }
    return stamp;
  }
}
