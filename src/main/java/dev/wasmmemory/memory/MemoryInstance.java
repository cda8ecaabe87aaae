package dev.wasmmemory.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The engine's {@link LinearMemory}: a table of 64 KiB pages in the heap, sparse (a page never
 * written costs nothing), up to 65536 pages (4 GiB), over a {@link PageStore} that either is the
 * heap itself or keeps the pages elsewhere, the heap then holding a bounded cache of them.
 *
 * <p>Every operation checks its regions and limits before it moves a byte, so one that throws a
 * {@link MemoryException} has changed nothing. Operations are linearizable: writes take the
 * memory's write lock (and commit to the store before releasing it), reads share its read lock
 * (small typed reads run optimistically, without locking), and {@link #transferFrom} locks two
 * memories in a global order.
 */
public final class MemoryInstance implements LinearMemory, PageCache.Owner {
  /** Reads up to this size are copied under the lock; larger ones stream from a view. */
  private static final int COPY_READ_LIMIT = 1 << 20;

  static final long ANY_VERSION = -1;

  private final MemoryState state;
  private final MemoryLimits limits;

  /** The version a mutation through this view requires, or {@link #ANY_VERSION}. */
  private final long expectedVersion;

  private MemoryInstance(MemoryState state, MemoryLimits limits, long expectedVersion) {
    this.state = state;
    this.limits = limits;
    this.expectedVersion = expectedVersion;
  }

  /** A zeroed memory named {@code id} in the heap, whose pages are paid for from {@code budget}. */
  public static MemoryInstance create(String id, MemoryLimits limits, PageBudget budget) {
    PageTable table = new PageTable(budget, limits.initialPages());
    return new MemoryInstance(
        new MemoryState(Objects.requireNonNull(id), table, 0), limits, ANY_VERSION);
  }

  /**
   * A memory kept in {@code store}, as the store holds it: {@code pages} pages of which those in
   * {@code stored} hold storage (loaded on first use, into {@code cache}), at {@code version}. The
   * stored pages are already paid for from {@code budget}.
   */
  public static MemoryInstance open(
      String id,
      MemoryLimits limits,
      int pages,
      long version,
      BitSet stored,
      PageBudget budget,
      PageStore store,
      PageCache cache) {
    PageTable table = new PageTable(budget, store, cache, pages, stored);
    MemoryInstance memory =
        new MemoryInstance(
            new MemoryState(Objects.requireNonNull(id), table, version), limits, ANY_VERSION);
    table.ownedBy(memory);
    return memory;
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
    return state.id;
  }

  /** Random, fixed at creation: a memory's place in the order transfers lock two memories in. */
  @Override
  public long lockOrder() {
    return state.lockOrder;
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
    return read(() -> state.version);
  }

  /** Whether the memory is closed (dropped, or its store failed it); a store then forgets it. */
  public boolean isClosed() {
    long stamp = state.lock.readLock();
    try {
      return state.closed;
    } finally {
      state.lock.unlockRead(stamp);
    }
  }

  @Override
  public MemoryInstance ifVersion(long expected) {
    return new MemoryInstance(state, limits, expected);
  }

  @Override
  public int grow(long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("pages must not be negative: " + pages);
    }
    long stamp = state.beginWrite(expectedVersion);
    long token;
    int current;
    try {
      current = state.table.count();
      if (pages > limits.maximumPages() - current) {
        throw new GrowLimitExceededException(state.id, current, pages, limits.maximumPages());
      }
      if (pages == 0) {
        return current;
      }
      state.table.grow(current + (int) pages);
      token = state.commit();
    } finally {
      state.endWrite(stamp);
    }
    state.awaitDurable(token);
    return current;
  }

  // ---- reads ----

  @Override
  public Versioned<byte[]> read(long offset, long length) {
    // Checked before the buffer is allocated, so a huge out-of-bounds length costs no heap; a
    // memory never shrinks, so the region is still in bounds when read under the lock below.
    Bounds.check(state.id, "offset", offset, length, sizeBytes());
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("region too large for one array: " + length);
    }
    byte[] bytes = new byte[(int) length];
    long stamp = state.readLock();
    try {
      RegionAccess.read(state.table, offset, bytes, 0, bytes.length);
      return new Versioned<>(bytes, state.version);
    } finally {
      state.unlockRead(stamp);
    }
  }

  @Override
  public void getInto(long offset, byte[] target) {
    if (target.length <= Pages.PAGE_SIZE && OptimisticReads.tryReadInPage(state, offset, target)) {
      return;
    }
    read(
        () -> {
          Bounds.check(state.id, "offset", offset, target.length, state.sizeBytes);
          RegionAccess.read(state.table, offset, target, 0, target.length);
          return 0;
        });
  }

  /** Small regions are copied under the read lock: cheaper than a view, which copies on write. */
  @Override
  public long readTo(long offset, long length, OutputStream out) throws IOException {
    if (length < 0) {
      throw new OutOfBoundsException(state.id, "offset", offset, length, sizeBytes());
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
    long stamp = state.writeLock();
    try {
      long size = state.sizeBytes;
      long count = length == TO_END ? Math.max(0, size - offset) : length;
      Bounds.check(state.id, "offset", offset, count, size);
      return PageViews.openView(state.table, offset, count, state.version, size);
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  @Override
  public long getBits(ValueType type, long offset) {
    return getValue(type, offset).bits();
  }

  @Override
  public ValueRead getValue(ValueType type, long offset) {
    ValueRead read = OptimisticReads.tryValue(state, type, offset);
    return read != null ? read : getValueLocked(type, offset);
  }

  private ValueRead getValueLocked(ValueType type, long offset) {
    long stamp = state.readLock();
    try {
      Bounds.check(state.id, "offset", offset, type.width(), state.sizeBytes);
      return new ValueRead(RegionAccess.load(state.table, offset, type.width()), state.version);
    } finally {
      state.unlockRead(stamp);
    }
  }

  // ---- writes ----

  @Override
  public long set(long offset, byte[] source, int from, int length) {
    // Checked first: a slice past the array's end would fail after earlier pages were written.
    Objects.checkFromIndexSize(from, length, source.length);
    return mutate(
        () -> {
          Bounds.check(state.id, "offset", offset, length, state.sizeBytes);
          RegionAccess.write(state.table, offset, source, from, length);
        });
  }

  @Override
  public long setBits(ValueType type, long offset, long bits) {
    // Written out rather than through mutate(): a capturing lambda on this path is not inlined.
    long stamp = state.beginWrite(expectedVersion);
    long token;
    long version;
    try {
      Bounds.check(state.id, "offset", offset, type.width(), state.sizeBytes);
      RegionAccess.store(state.table, offset, type.width(), bits & type.mask());
      token = state.commit();
      version = state.version;
    } finally {
      state.endWrite(stamp);
    }
    state.awaitDurable(token);
    return version;
  }

  @Override
  public StreamWrite writeFrom(long offset, long length, InputStream in) throws IOException {
    long size = sizeBytes();
    Bounds.check(state.id, "offset", offset, Math.max(length, 0), size);
    StagedWrite staged =
        new StagedWrite(state.id, state.table.store(), state.table.budget(), this::isStored);
    try {
      staged.readFrom(in, offset, length, size);
      return new StreamWrite(staged.length(), mutate(() -> staged.commit(state.table)));
    } finally {
      staged.discard();
    }
  }

  /** Whether page {@code index} (within the memory) holds storage now. */
  private boolean isStored(int index) {
    long stamp = state.readLock();
    try {
      return state.table.stored(index);
    } finally {
      state.unlockRead(stamp);
    }
  }

  @Override
  public long withDirectAccessMut(long offset, long length, RegionView.ChunkConsumer visitor)
      throws IOException {
    long stamp = state.beginWrite(expectedVersion);
    long token = 0;
    long version;
    try {
      Bounds.check(state.id, "offset", offset, length, state.sizeBytes);
      state.table.reserve(RegionAccess.absentPages(state.table, offset, length));
      version = state.version + 1;
      try {
        for (Chunks c = new Chunks(offset, length); c.next(); ) {
          byte[] page = state.table.writable(c.page(), c.offset(), c.length());
          ByteBuffer chunk = ByteBuffer.wrap(page, c.offset(), c.length()).slice();
          visitor.accept(chunk.order(ByteOrder.LITTLE_ENDIAN));
        }
      } finally {
        // What the visitor wrote before it threw stays written, and so is committed.
        token = state.commit();
      }
    } finally {
      state.endWrite(stamp);
    }
    state.awaitDurable(token);
    return version;
  }

  @Override
  public long copy(long sourceOffset, long destinationOffset, long length) {
    return mutate(
        () -> {
          checkCopy(sourceOffset, destinationOffset, length);
          RegionAccess.copy(state.table, sourceOffset, state.table, destinationOffset, length);
        });
  }

  @Override
  public long copyNonOverlapping(long sourceOffset, long destinationOffset, long length) {
    return mutate(
        () -> {
          checkCopy(sourceOffset, destinationOffset, length);
          if (Bounds.overlap(sourceOffset, destinationOffset, length)) {
            throw new RegionsOverlapException(state.id, sourceOffset, destinationOffset, length);
          }
          RegionAccess.copy(state.table, sourceOffset, state.table, destinationOffset, length);
        });
  }

  private void checkCopy(long sourceOffset, long destinationOffset, long length) {
    Bounds.check(state.id, "sourceOffset", sourceOffset, length, state.sizeBytes);
    Bounds.check(state.id, "destinationOffset", destinationOffset, length, state.sizeBytes);
  }

  /**
   * Copies {@code length} bytes from {@code source}, another {@code MemoryInstance}; on this memory
   * itself it is {@link #copy}. Both memories are locked in the global order of {@link #lockOrder}
   * then id (as {@link LinearMemory#exclusive(java.util.List, MultiMemoryAction)} takes them), so
   * opposite transfers cannot deadlock.
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
    return Transfer.between(
        from.state, sourceOffset, state, expectedVersion, destinationOffset, length);
  }

  @Override
  public long clear(long offset, byte value, long length) {
    return mutate(
        () -> {
          Bounds.check(state.id, "offset", offset, length, state.sizeBytes);
          RegionAccess.fill(state.table, offset, length, value);
        });
  }

  @Override
  public long erase() {
    return mutate(() -> WholePageWrites.eraseAll(state.table));
  }

  @Override
  public <T> T exclusive(MemoryAction<T> action) {
    long stamp = state.beginWrite(expectedVersion);
    MemoryAccess access =
        new MemoryAccess(state.id, state.table, limits.maximumPages(), state.version);
    long token = 0;
    try {
      return action.run(access);
    } finally {
      access.end();
      try {
        if (access.wrote()) {
          token = state.commit();
        } else {
          state.table.forgetChanges();
        }
      } finally {
        state.endWrite(stamp);
      }
      state.awaitDurable(token);
    }
  }

  // ---- snapshots ----

  /** Pages that only the memory's snapshots hold: stored and paid for beside its own. */
  public long snapshotOnlyPages() {
    return read(state.table::snapshotOnly);
  }

  /**
   * A snapshot of the memory now: its pages are shared, not copied; the memory copies (and pays
   * for) a page the first time it writes it afterwards. {@link #releaseSnapshot} when it goes.
   */
  public FrozenPages freeze() {
    long stamp = state.beginWrite(ANY_VERSION);
    try {
      PageStore store = state.table.store();
      return PageSnapshots.freeze(
          state.table, state.version, store.persistent() ? store.freezeSource() : null);
    } finally {
      state.endWrite(stamp);
    }
  }

  /**
   * Makes the memory's bytes and size {@code snapshot}'s (one of its own), as one mutation: the
   * version goes up, pages that no snapshot holds go back to the budget. Answers the new version.
   */
  public long restore(FrozenPages snapshot) {
    long stamp = state.beginWrite(expectedVersion);
    long token;
    long version;
    try {
      token = state.restore(snapshot);
      version = state.version;
    } finally {
      state.endWrite(stamp);
    }
    state.awaitDurable(token);
    return version;
  }

  /**
   * A snapshot of this memory is deleted; {@code remaining} are the memory's other snapshots. The
   * pages only it held go back to the budget; answers their identities, for the store to delete.
   * Nothing to do once the memory is closed (its store deleted all of its pages).
   */
  public List<Object> releaseSnapshot(FrozenPages dropped, Iterable<FrozenPages> remaining) {
    long stamp = state.lock.writeLock();
    try {
      return state.closed
          ? List.of()
          : PageSnapshots.releaseFrozen(state.table, dropped, remaining);
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  /**
   * For a store that opened the memory: pages in {@code held} are held by its snapshots too, and
   * {@code snapshotOnly} more pages by them alone (already paid for from the budget).
   */
  public void adoptSnapshots(BitSet held, long snapshotOnly) {
    long stamp = state.lock.writeLock();
    try {
      PageSnapshots.adoptSnapshots(state.table, held, snapshotOnly);
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  /**
   * The memory's pages now, for comparing with a snapshot: kept like a view's until closed, so the
   * memory is not blocked meanwhile.
   */
  public Captured capture() {
    long stamp = state.writeLock();
    try {
      Runnable[] release = new Runnable[1];
      FrozenPages pages = PageViews.capture(state.table, state.version, release);
      return new Captured(pages, release[0]);
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  /** Pages captured by {@link #capture}; close to let the memory stop keeping them. */
  public record Captured(FrozenPages pages, Runnable release) implements AutoCloseable {
    @Override
    public void close() {
      release.run();
    }
  }

  /** Through an {@link #ifVersion} view, closes only at that version (a conditional delete). */
  @Override
  public void close() {
    long stamp = state.lock.writeLock();
    try {
      if (!state.closed) {
        state.checkVersion(expectedVersion);
        state.closed = true;
        PageEviction.release(state.table);
      }
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  /** Whether the memory closed because its store failed a commit, rather than being dropped. */
  public boolean failed() {
    long stamp = state.lock.readLock();
    try {
      return state.failed();
    } finally {
      state.lock.unlockRead(stamp);
    }
  }

  @Override
  public PageCache.Eviction tryEvict(int index) {
    long stamp = state.lock.tryWriteLock();
    if (stamp == 0) {
      return PageCache.Eviction.BUSY;
    }
    try {
      return !state.closed && PageEviction.evict(state.table, index)
          ? PageCache.Eviction.EVICTED
          : PageCache.Eviction.NOT_CACHED;
    } finally {
      state.lock.unlockWrite(stamp);
    }
  }

  @Override
  public boolean holds(int index) {
    return PageEviction.holds(state.table, index);
  }

  // ---- locking ----

  private long read(LongSupplier action) {
    long stamp = state.readLock();
    try {
      return action.getAsLong();
    } finally {
      state.unlockRead(stamp);
    }
  }

  private long mutate(Runnable action) {
    return state.mutate(expectedVersion, action);
  }
}
