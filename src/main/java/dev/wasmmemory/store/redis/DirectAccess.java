package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.OutOfBoundsException;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.RegionView;
import dev.wasmmemory.memory.VersionMismatchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * Mutable direct access to a Redis memory: lease it ({@link MemoryLease}), pay for its absent pages
 * in the region before the visitor sees any (as the engine does: every page handed out is
 * materialised), hand the visitor each chunk as a writable buffer over a local copy, and commit the
 * chunks visited in one {@code wm4_apply} with the lease's token. What the visitor wrote before it
 * threw is committed too, as the engine's pages would keep it.
 */
final class DirectAccess {
  private DirectAccess() {}

  static long withDirectAccessMut(
      RedisMemory memory, long offset, long length, RegionView.ChunkConsumer visitor)
      throws IOException {
    boolean small = length >= 0 && length <= RedisMemory.INLINE_READ;
    MemoryLease lease =
        MemoryLease.take(memory, new MemoryLease.Reading(offset, small ? length : -1, true));
    try {
      long expected = memory.mutator().expected();
      if (expected >= 0 && expected != lease.version()) {
        throw new VersionMismatchException(memory.id(), expected, lease.version());
      }
      long size = lease.sizeBytes();
      if (offset < 0 || length < 0 || offset > size || size - offset < length) {
        throw new OutOfBoundsException(memory.id(), "offset", offset, length, size);
      }
      BitSet stored = lease.stored();
      long absent = 0;
      for (long address = offset, end = offset + length; address < end; ) {
        int index = (int) (address >>> Pages.PAGE_SHIFT);
        absent += stored.get(index) ? 0 : 1;
        address = (long) (index + 1) << Pages.PAGE_SHIFT;
      }
      PageLedger ledger = memory.ledger();
      long stamp = ledger.stamp();
      ledger.acquire(absent);
      PageChangeSet changes = new PageChangeSet(memory);
      try {
        visit(memory, offset, length, small ? lease.bytes() : null, visitor, changes);
      } catch (IOException | RuntimeException | Error e) {
        changes.commit(lease, stamp, absent, lease.pages(), false);
        throw e;
      }
      return changes.commit(lease, stamp, absent, lease.pages(), false).version();
    } finally {
      lease.release();
    }
  }

  private static void visit(
      RedisMemory memory,
      long offset,
      long length,
      byte[] region,
      RegionView.ChunkConsumer visitor,
      PageChangeSet changes)
      throws IOException {
    for (long address = offset, end = offset + length; address < end; ) {
      int pageOffset = (int) (address & Pages.PAGE_MASK);
      int n = (int) Math.min(Pages.PAGE_SIZE - pageOffset, end - address);
      int at = (int) (address - offset);
      byte[] chunk =
          region != null
              ? java.util.Arrays.copyOfRange(region, at, at + n)
              : memory.read(address, n).value();
      try {
        visitor.accept(ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN));
      } finally {
        changes.written((int) (address >>> Pages.PAGE_SHIFT), pageOffset, chunk);
      }
      address += n;
    }
  }
}
