package dev.wasmmemory.memory;

/**
 * A copy from one memory into another, both locked for it: the source for reading, the destination
 * for writing. Two memories are always locked in one global order, their random {@code lockOrder}
 * then their id (the order of {@link LinearMemory#exclusive(java.util.List,
 * LinearMemory.MultiMemoryAction)} too), so opposite transfers, and a transfer and a call on both
 * memories, cannot deadlock.
 */
final class Transfer {
  /**
   * Taken only to order two memories whose lock orders and ids are both equal: two instances read
   * from one store entry (a store's read-back of what it holds), never two memories of one store.
   */
  private static final Object TIE_LOCK = new Object();

  private Transfer() {}

  /** Answers the version the destination was left at. */
  static long between(
      MemoryState source,
      long sourceOffset,
      MemoryState destination,
      long expectedVersion,
      long destinationOffset,
      long length) {
    if (source.lockOrder == destination.lockOrder && source.id.equals(destination.id)) {
      synchronized (TIE_LOCK) {
        return locked(
            source, sourceOffset, destination, expectedVersion, destinationOffset, length);
      }
    }
    return locked(source, sourceOffset, destination, expectedVersion, destinationOffset, length);
  }

  private static long locked(
      MemoryState source,
      long sourceOffset,
      MemoryState destination,
      long expectedVersion,
      long destinationOffset,
      long length) {
    boolean sourceFirst =
        source.lockOrder != destination.lockOrder
            ? source.lockOrder < destination.lockOrder
            : source.id.compareTo(destination.id) <= 0;
    long first = sourceFirst ? source.readLock() : destination.beginWrite(expectedVersion);
    long second;
    try {
      second = sourceFirst ? destination.beginWrite(expectedVersion) : source.readLock();
    } catch (MemoryException e) {
      if (sourceFirst) {
        source.unlockRead(first);
      } else {
        destination.endWrite(first);
      }
      throw e;
    }
    long token;
    long version;
    try {
      Bounds.check(source.id, "sourceOffset", sourceOffset, length, source.sizeBytes);
      Bounds.check(
          destination.id, "destinationOffset", destinationOffset, length, destination.sizeBytes);
      RegionAccess.copy(source.table, sourceOffset, destination.table, destinationOffset, length);
      token = destination.commit();
      version = destination.version;
    } catch (RuntimeException e) {
      destination.table.forgetChanges();
      throw e;
    } finally {
      destination.endWrite(sourceFirst ? second : first);
      source.unlockRead(sourceFirst ? first : second);
    }
    destination.awaitDurable(token);
    return version;
  }
}
