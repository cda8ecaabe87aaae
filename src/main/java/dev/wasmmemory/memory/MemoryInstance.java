package dev.wasmmemory.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

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
    return state.read(() -> state.sizeBytes);
  }

  @Override
  public int materializedPages() {
    return (int) state.read(state.table::materialized);
  }

  @Override
  public long version() {
    // Plain field read optimistically: a volatile one would add a fence to every write.
    long stamp = state.lock.tryOptimisticRead();
    long version = state.version;
    if (stamp != 0 && state.lock.validate(stamp)) {
      return version;
    }
    return state.read(() -> state.version);
  }

  /** Whether the memory is closed (dropped, or its store failed it); a store then forgets it. */
  public boolean isClosed() {
    return state.isClosed();
  }

  @Override
  public MemoryInstance ifVersion(long expected) {
    return new MemoryInstance(state, limits, expected);
  }

  @Override
  public int grow(long pages) {
    return MemoryWrites.grow(state, expectedVersion, limits.maximumPages(), pages);
  }

  // ---- reads ----

  @Override
  public Versioned<byte[]> read(long offset, long length) {
    return RegionStreams.read(state, offset, length);
  }

  @Override
  public void getInto(long offset, byte[] target) {
    if (target.length <= Pages.PAGE_SIZE && OptimisticReads.tryReadInPage(state, offset, target)) {
      return;
    }
    state.read(
        () -> {
          Bounds.check(state.id, "offset", offset, target.length, state.sizeBytes);
          RegionAccess.read(state.table, offset, target, 0, target.length);
          return 0;
        });
  }

  /** Small regions are copied under the read lock: cheaper than a view, which copies on write. */
  @Override
  public long readTo(long offset, long length, OutputStream out) throws IOException {
    return RegionStreams.readTo(state, offset, length, out);
  }

  @Override
  public RegionView view(long offset, long length) {
    return RegionStreams.view(state, offset, length);
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
    return MemoryWrites.set(state, expectedVersion, offset, source, from, length);
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
    return RegionStreams.writeFrom(state, expectedVersion, offset, length, in);
  }

  @Override
  public long withDirectAccessMut(long offset, long length, RegionView.ChunkConsumer visitor)
      throws IOException {
    return DirectWrites.withDirectAccessMut(state, expectedVersion, offset, length, visitor);
  }

  @Override
  public long copy(long sourceOffset, long destinationOffset, long length) {
    return MemoryWrites.copy(state, expectedVersion, sourceOffset, destinationOffset, length);
  }

  @Override
  public long copyNonOverlapping(long sourceOffset, long destinationOffset, long length) {
    return MemoryWrites.copyNonOverlapping(
        state, expectedVersion, sourceOffset, destinationOffset, length);
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
    return MemoryWrites.clear(state, expectedVersion, offset, value, length);
  }

  @Override
  public long erase() {
    return MemoryWrites.erase(state, expectedVersion);
  }

  @Override
  public <T> T exclusive(MemoryAction<T> action) {
    return DirectWrites.exclusive(state, expectedVersion, limits.maximumPages(), action);
  }

  // ---- snapshots ----

  /** Pages that only the memory's snapshots hold: stored and paid for beside its own. */
  public long snapshotOnlyPages() {
    return state.read(state.table::snapshotOnly);
  }

  /**
   * A snapshot of the memory now: its pages are shared, not copied; the memory copies (and pays
   * for) a page the first time it writes it afterwards. {@link #releaseSnapshot} when it goes.
   */
  public FrozenPages freeze() {
    return MemorySnapshots.freeze(state);
  }

  /**
   * Makes the memory's bytes and size {@code snapshot}'s (one of its own), as one mutation: the
   * version goes up, pages that no snapshot holds go back to the budget. Answers the new version.
   */
  public long restore(FrozenPages snapshot) {
    return MemorySnapshots.restore(state, expectedVersion, snapshot);
  }

  /**
   * A snapshot of this memory is deleted; {@code remaining} are the memory's other snapshots. The
   * pages only it held go back to the budget; answers their identities, for the store to delete.
   * Nothing to do once the memory is closed (its store deleted all of its pages).
   */
  public List<Object> releaseSnapshot(FrozenPages dropped, Iterable<FrozenPages> remaining) {
    return MemorySnapshots.releaseSnapshot(state, dropped, remaining);
  }

  /**
   * For a store that opened the memory: pages in {@code held} are held by its snapshots too, and
   * {@code snapshotOnly} more pages by them alone (already paid for from the budget).
   */
  public void adoptSnapshots(BitSet held, long snapshotOnly) {
    MemorySnapshots.adoptSnapshots(state, held, snapshotOnly);
  }

  /**
   * The memory's pages now, for comparing with a snapshot: kept like a view's until closed, so the
   * memory is not blocked meanwhile.
   */
  public Captured capture() {
    return MemorySnapshots.capture(state);
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
    state.close(expectedVersion);
  }

  /** Whether the memory closed because its store failed a commit, rather than being dropped. */
  public boolean failed() {
    return state.failed();
  }

  @Override
  public PageCache.Eviction tryEvict(int index) {
    return state.tryEvict(index);
  }

  @Override
  public boolean holds(int index) {
    return PageEviction.holds(state.table, index);
  }
}
