package dev.wasmmemory.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
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
public final class MemoryInstance implements LinearMemory {
  /** Reads up to this size are copied under the lock; larger ones stream from a view. */
  private static final int COPY_READ_LIMIT = 1 << 20;

  /** Taken only to order two memories whose random lock orders are equal. */
  private static final Object TIE_LOCK = new Object();

  /** The memory's storage and lock, shared with its {@link #ifVersion} views. */
  private final State state;

  private final String id;

  private final MemoryLimits limits;

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

  private MemoryInstance(String id, MemoryLimits limits, PageBudget budget) {
    this.id = Objects.requireNonNull(id);
    this.limits = limits;
    int pages = limits.initialPages();
    this.state = new State(new PageTable(budget, pages), Pages.toBytes(pages));
    this.expectedVersion = ANY_VERSION;
  }

  private MemoryInstance(MemoryInstance memory, long expectedVersion) {
    this.state = memory.state;
    this.id = memory.id;
    this.limits = memory.limits;
    this.expectedVersion = expectedVersion;
  }

  /** A zeroed memory named {@code id}, whose pages are paid for from {@code budget}. */
  public static MemoryInstance create(String id, MemoryLimits limits, PageBudget budget) {
    return new MemoryInstance(id, limits, budget);
  }

  /** A memory of {@code initialPages} with no budget and a random id. */
  public static MemoryInstance alloc(long initialPages, Long maximumPages) {
    return alloc(initialPages, maximumPages, PageBudget.UNLIMITED);
  }

  /**
   * A zeroed memory of {@code initialPages} with a random id; {@code maximumPages} null means none
   * (65536 applies). Refuses impossible limits with {@link InvalidLimitsException}.
   */
  public static MemoryInstance alloc(long initialPages, Long maximumPages, PageBudget budget) {
    return create(
        UUID.randomUUID().toString(), MemoryLimits.of(initialPages, maximumPages), budget);
  }

  // ---- limits and size ----

  @Override
  public String id() {
    return id;
  }

  @Override
  public MemoryLimits limits() {
    return limits;
  }

  @Override
  public long sizeBytes() {
    return read(() -> state.sizeBytes);
  }

  @Override
  public int materializedPages() {
    return (int) read(state.table::materialized);
  }

  @Override
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
  @Override
  public MemoryInstance ifVersion(long expected) {
    return new MemoryInstance(this, expected);
  }

  private void checkVersion() {
    if (expectedVersion != ANY_VERSION && expectedVersion != state.version) {
      throw new VersionMismatchException(id, expectedVersion, state.version);
    }
  }

  /**
   * Grows the memory by {@code pages} zeroed pages and returns its previous size in pages. Past the
   * maximum (its own, or 65536) it throws {@link GrowLimitExceededException} and grows nothing.
   */
  @Override
  public int grow(long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("pages must not be negative: " + pages);
    }
    long stamp = writeLock();
    try {
      checkVersion();
      int current = state.table.count();
      int limit = limits.maximumPages();
      if (pages > limit - current) {
        throw new GrowLimitExceededException(id, current, pages, limit);
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

  @Override
  public Versioned<byte[]> read(long offset, long length) {
    // Checked before the buffer is allocated, so a huge out-of-bounds length costs no heap; a
    // memory never shrinks, so the region is still in bounds when read under the lock below.
    Bounds.check(id, "offset", offset, length, sizeBytes());
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("region too large for one array: " + length);
    }
    byte[] bytes = new byte[(int) length];
    long version =
        read(
            () -> {
              RegionAccess.read(state.table, offset, bytes, 0, bytes.length);
              return state.version;
            });
    return new Versioned<>(bytes, version);
  }

  @Override
  public void getInto(long offset, byte[] target) {
    if (target.length <= Pages.PAGE_SIZE && tryReadInPage(offset, target)) {
      return;
    }
    read(
        () -> {
          Bounds.check(id, "offset", offset, target.length, state.sizeBytes);
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

  @Override
  public long set(long offset, byte[] source, int from, int length) {
    // Checked first: a slice past the array's end would fail after earlier pages were written.
    Objects.checkFromIndexSize(from, length, source.length);
    long stamp = beginWrite();
    try {
      Bounds.check(id, "offset", offset, length, state.sizeBytes);
      RegionAccess.write(state.table, offset, source, from, length);
      return ++state.version;
    } finally {
      endWrite(stamp);
    }
  }

  /**
   * Writes {@code [offset, offset + length)} to {@code out} as it was at one instant, without
   * holding the lock while {@code out} blocks: a page at a time from a {@link #view}. Answers the
   * version the bytes belong to.
   */
  public long readTo(long offset, long length, OutputStream out) throws IOException {
    if (length < 0) {
      throw new OutOfBoundsException(id, "offset", offset, length, sizeBytes());
    }
    if (length <= COPY_READ_LIMIT) {
      Versioned<byte[]> bytes = read(offset, length);
      out.write(bytes.value());
      return bytes.version();
    }
    try (RegionView view = view(offset, length)) {
      view.transferTo(out);
      return view.version();
    }
  }

  @Override
  public RegionView view(long offset, long length) {
    long stamp = writeLock();
    try {
      long size = state.sizeBytes;
      long count = length == TO_END ? Math.max(0, size - offset) : length;
      Bounds.check(id, "offset", offset, count, size);
      return state.table.openView(offset, count, state.version, size);
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  @Override
  public StreamWrite writeFrom(long offset, long length, InputStream in) throws IOException {
    long size = sizeBytes();
    Bounds.check(id, "offset", offset, Math.max(length, 0), size);
    StagedWrite staged =
        StagedWrite.read(
            in, id, offset, length, size - offset, size, state.table.budget(), this::isStored);
    try {
      return new StreamWrite(staged.length(), mutate(() -> staged.commit(state.table)));
    } finally {
      staged.discard();
    }
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

  @Override
  public long withDirectAccessMut(long offset, long length, RegionView.ChunkConsumer visitor)
      throws IOException {
    long stamp = writeLock();
    try {
      checkVersion();
      Bounds.check(id, "offset", offset, length, state.sizeBytes);
      state.table.beginOperation();
      state.table.reserve(state.table.absentPages(offset, length));
      long version = ++state.version;
      for (long address = offset, end = offset + length; address < end; ) {
        int pageOffset = Pages.offset(address);
        int n = (int) Math.min(Pages.PAGE_SIZE - pageOffset, end - address);
        byte[] page = state.table.writable(Pages.index(address));
        visitor.accept(ByteBuffer.wrap(page, pageOffset, n).slice().order(ByteOrder.LITTLE_ENDIAN));
        address += n;
      }
      return version;
    } finally {
      state.table.endOperation();
      state.lock.unlockWrite(stamp);
    }
  }

  // ---- typed values ----

  @Override
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
          Bounds.check(id, "offset", offset, width, state.sizeBytes);
          return RegionAccess.load(state.table, offset, width);
        });
  }

  @Override
  public ValueRead getValue(ValueType type, long offset) {
    int width = type.width();
    long stamp = state.lock.tryOptimisticRead();
    if (stamp != 0) {
      byte[][] pages = state.table.array();
      long size = state.sizeBytes;
      long version = state.version;
      int pageOffset = Pages.offset(offset);
      int index = Pages.index(offset);
      if (Bounds.inBounds(offset, width, size)
          && pageOffset <= Pages.PAGE_SIZE - width
          && index < pages.length) {
        byte[] page = pages[index];
        long bits = page == null ? 0 : LittleEndian.load(page, pageOffset, width);
        if (state.lock.validate(stamp) && !state.closed) {
          return new ValueRead(bits, version);
        }
      }
    }
    stamp = readLock();
    try {
      Bounds.check(id, "offset", offset, width, state.sizeBytes);
      return new ValueRead(RegionAccess.load(state.table, offset, width), state.version);
    } finally {
      state.lock.unlockRead(stamp);
    }
  }

  @Override
  public long setBits(ValueType type, long offset, long bits) {
    // Written out rather than through mutate(): a capturing lambda on this path is not inlined.
    long stamp = beginWrite();
    try {
      Bounds.check(id, "offset", offset, type.width(), state.sizeBytes);
      RegionAccess.store(state.table, offset, type.width(), bits & type.mask());
      return ++state.version;
    } finally {
      endWrite(stamp);
    }
  }

  // ---- copy, fill, erase ----

  @Override
  public long copy(long sourceOffset, long destinationOffset, long length) {
    return mutate(
        () -> {
          Bounds.check(id, "sourceOffset", sourceOffset, length, state.sizeBytes);
          Bounds.check(id, "destinationOffset", destinationOffset, length, state.sizeBytes);
          RegionAccess.copy(state.table, sourceOffset, state.table, destinationOffset, length);
        });
  }

  @Override
  public long copyNonOverlapping(long sourceOffset, long destinationOffset, long length) {
    return mutate(
        () -> {
          Bounds.check(id, "sourceOffset", sourceOffset, length, state.sizeBytes);
          Bounds.check(id, "destinationOffset", destinationOffset, length, state.sizeBytes);
          if (Bounds.overlap(sourceOffset, destinationOffset, length)) {
            throw new RegionsOverlapException(id, sourceOffset, destinationOffset, length);
          }
          RegionAccess.copy(state.table, sourceOffset, state.table, destinationOffset, length);
        });
  }

  /**
   * Copies {@code length} bytes from {@code source}, another {@code MemoryInstance}; on this memory
   * itself it is {@link #copy}. Both memories are locked in a global order, so opposite transfers
   * cannot deadlock.
   */
  @Override
  public long transferFrom(
      LinearMemory source, long sourceOffset, long destinationOffset, long length) {
    if (!(source instanceof MemoryInstance from)) {
      throw new IllegalArgumentException("not a memory of this store: " + source.id());
    }
    if (from.state == state) {
      return copy(sourceOffset, destinationOffset, length);
    }
    if (from.state.lockOrder == state.lockOrder) {
      synchronized (TIE_LOCK) {
        return transferLocked(from, sourceOffset, destinationOffset, length);
      }
    }
    return transferLocked(from, sourceOffset, destinationOffset, length);
  }

  private long transferLocked(
      MemoryInstance source, long sourceOffset, long destinationOffset, long length) {
    boolean sourceFirst = source.state.lockOrder <= state.lockOrder;
    long first = sourceFirst ? source.state.lock.readLock() : state.lock.writeLock();
    long second = sourceFirst ? state.lock.writeLock() : source.state.lock.readLock();
    long sourceStamp = sourceFirst ? first : second;
    long destinationStamp = sourceFirst ? second : first;
    try {
      if (source.state.closed) {
        throw new MemoryClosedException(source.id);
      }
      if (state.closed) {
        throw new MemoryClosedException(id);
      }
      checkVersion();
      Bounds.check(source.id, "sourceOffset", sourceOffset, length, source.state.sizeBytes);
      Bounds.check(id, "destinationOffset", destinationOffset, length, state.sizeBytes);
      state.table.beginOperation();
      RegionAccess.copy(source.state.table, sourceOffset, state.table, destinationOffset, length);
      return ++state.version;
    } finally {
      state.table.endOperation();
      state.lock.unlockWrite(destinationStamp);
      source.state.lock.unlockRead(sourceStamp);
    }
  }

  @Override
  public long clear(long offset, byte value, long length) {
    return mutate(
        () -> {
          Bounds.check(id, "offset", offset, length, state.sizeBytes);
          RegionAccess.fill(state.table, offset, length, value);
        });
  }

  @Override
  public long erase() {
    return mutate(state.table::eraseAll);
  }

  @Override
  public <T> T exclusive(MemoryAction<T> action) {
    long stamp = beginWrite();
    MemoryAccess access = new MemoryAccess(id, state.table, limits.maximumPages());
    try {
      return action.run(access);
    } finally {
      access.end();
      if (access.wrote()) {
        state.sizeBytes = Pages.toBytes(state.table.count());
        state.version++;
      }
      endWrite(stamp);
    }
  }

  @Override
  public void close() {
    long stamp = state.lock.writeLock();
    try {
      if (!state.closed) {
        checkVersion();
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

  private long mutate(Runnable action) {
    long stamp = beginWrite();
    try {
      action.run();
      return ++state.version;
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
      throw new MemoryClosedException(id);
    }
    return stamp;
  }

  private long writeLock() {
    long stamp = state.lock.writeLock();
    if (state.closed) {
      state.lock.unlockWrite(stamp);
      throw new MemoryClosedException(id);
    }
    return stamp;
  }
}
