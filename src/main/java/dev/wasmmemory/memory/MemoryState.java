package dev.wasmmemory.memory;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongSupplier;

/**
 * Everything mutable about one {@link MemoryInstance}, shared with its {@code ifVersion} views, and
 * the lock that guards it. A mutation runs between {@link #beginWrite} and {@link #endWrite}; when
 * it succeeds, {@link #commit} bumps the version and hands the change to the store while the lock
 * is still held, so the store sees the memory's states in order.
 */
final class MemoryState {
  final String id;
  final StampedLock lock = new StampedLock();
  final long lockOrder = ThreadLocalRandom.current().nextLong();

  /** Read racily by optimistic readers, which validate afterwards. */
  final PageTable table;

  /** {@code table.count()} in bytes. */
  long sizeBytes;

  /** Counts successful mutations: the base of the memory's entity tag. Plain: read validated. */
  long version;

  boolean closed;

  /** Why the memory was closed when its store failed to take a commit; null otherwise. */
  private RuntimeException failure;

  MemoryState(String id, PageTable table, long version) {
    this.id = id;
    this.table = table;
    this.sizeBytes = Pages.toBytes(table.count());
    this.version = version;
  }

  long readLock() {
    long stamp = lock.readLock();
    if (closed) {
      lock.unlockRead(stamp);
      throw closedException();
    }
    return stamp;
  }

  long writeLock() {
    long stamp = lock.writeLock();
    if (closed) {
      lock.unlockWrite(stamp);
      throw closedException();
    }
    return stamp;
  }

  /** Takes the write lock for a mutation: open, at the expected version, operation begun. */
  long beginWrite(long expectedVersion) {
    long stamp = writeLock();
    try {
      checkVersion(expectedVersion);
    } catch (VersionMismatchException e) {
      lock.unlockWrite(stamp);
      throw e;
    }
    PageViews.beforeMutation(table);
    return stamp;
  }

  void checkVersion(long expectedVersion) {
    if (expectedVersion != MemoryInstance.ANY_VERSION && expectedVersion != version) {
      throw new VersionMismatchException(id, expectedVersion, version);
    }
  }

  /**
   * The mutation succeeded: the next version, persisted by the store before the lock is released.
   * Answers the store's durability token, to be awaited once the lock is released. When the store
   * refuses the commit, the heap holds a state the store does not: the memory closes (its store
   * opens it again from what it holds) and the operation fails with {@link StorageException}.
   */
  long commit() {
    sizeBytes = Pages.toBytes(table.count());
    version++;
    try {
      return PageCommits.commit(table, version);
    } catch (RuntimeException e) {
      throw storeFailed(e);
    }
  }

  /**
   * Makes the memory hold {@code snapshot}'s pages, as {@link #commit} does a mutation: the next
   * version, persisted before the lock is released (or the memory closes, as there).
   */
  long restore(FrozenPages snapshot) {
    java.util.BitSet released = PageSnapshots.restore(table, snapshot);
    sizeBytes = Pages.toBytes(table.count());
    version++;
    try {
      return PageCommits.commitRestore(table, snapshot, version, released);
    } catch (RuntimeException e) {
      throw storeFailed(e);
    }
  }

  private StorageException storeFailed(RuntimeException e) {
    failure = e;
    closed = true;
    PageEviction.unload(table);
    return new StorageException(id, "the store failed to keep a change of memory " + id, e);
  }

  /**
   * Runs {@code action} as one mutation at {@code expectedVersion}: under the write lock, committed
   * before the lock is released, durable before it returns the version it left the memory at. An
   * action that throws has changed nothing, so nothing is committed.
   */
  long mutate(long expectedVersion, Runnable action) {
    long stamp = beginWrite(expectedVersion);
    long token;
    long next;
    try {
      action.run();
      token = commit();
      next = version;
    } catch (RuntimeException e) {
      table.forgetChanges();
      throw e;
    } finally {
      endWrite(stamp);
    }
    awaitDurable(token);
    return next;
  }

  void endWrite(long stamp) {
    table.endOperation();
    lock.unlockWrite(stamp);
    PageEviction.balanceCache(table);
  }

  /** Releases a read lock; pages the read loaded may then make room in the cache. */
  void unlockRead(long stamp) {
    lock.unlockRead(stamp);
    PageEviction.balanceCache(table);
  }

  /** Returns once the commit of {@code token} is as durable as the store promises. */
  void awaitDurable(long token) {
    if (token != 0) {
      table.store().awaitDurable(token);
    }
  }

  /** Runs {@code action} under the read lock: refused once closed, then the cache balanced. */
  long read(LongSupplier action) {
    long stamp = readLock();
    try {
      return action.getAsLong();
    } finally {
      unlockRead(stamp);
    }
  }

  /** Whether the memory is closed; asked under the read lock, which a closed memory still gives. */
  boolean isClosed() {
    long stamp = lock.readLock();
    try {
      return closed;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Whether the memory closed because its store failed (so it may be opened again). */
  boolean failed() {
    long stamp = lock.readLock();
    try {
      return failure != null;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Closes the memory, if still open, at {@code expectedVersion}: its pages leave the budget. */
  void close(long expectedVersion) {
    long stamp = lock.writeLock();
    try {
      if (!closed) {
        checkVersion(expectedVersion);
        closed = true;
        PageEviction.release(table);
      }
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** For the cache: drops page {@code index} from the heap unless the lock is busy. */
  PageCache.Eviction tryEvict(int index) {
    long stamp = lock.tryWriteLock();
    if (stamp == 0) {
      return PageCache.Eviction.BUSY;
    }
    try {
      return !closed && PageEviction.evict(table, index)
          ? PageCache.Eviction.EVICTED
          : PageCache.Eviction.NOT_CACHED;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  MemoryClosedException closedException() {
    return new MemoryClosedException(id);
  }
}
