package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.OutOfBoundsException;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.VersionMismatchException;
import java.util.Arrays;

/**
 * {@code transfer} between two memories, which may live in different slots (on different
 * primaries), so no one function can see both. The protocol, through {@link MemoryLease}:
 *
 * <ol>
 *   <li>Lease the source and the destination with one token, together; the source's lease reads the
 *       region too when it is small. Neither can change from now on.
 *   <li>Check, in the engine's order: the destination's version, then both regions' bounds.
 *   <li>Write the destination in one call with the token ({@code wm4_set}, or {@code wm4_commit} of
 *       pages staged from source reads for a large region), which also ends its lease.
 *   <li>Release the source.
 * </ol>
 *
 * The transfer takes effect at the instant of step 3: the source held those bytes then, because it
 * was leased since before they were read. A client that dies after step 1 leaves two leases that
 * expire (writers of both memories wait until then) and no change; one that dies after step 3 has
 * transferred, and the source lease expires. A client paused for longer than the lease's TTL
 * between steps 1 and 3 loses the destination's lease (LEASE_LOST: nothing written); the source's
 * may have passed to a writer then, which the protocol assumes does not happen within the TTL.
 */
final class Transfers {
  /** Source pages read per call when a large region is staged. */
  private static final int READ_PAGES = 16;

  private Transfers() {}

  static long transfer(
      RedisMemory source, long sourceOffset, RedisMemory target, long targetOffset, long length) {
    long readLength = length >= 0 && length <= RedisMemory.INLINE_WRITE ? length : -1;
    MemoryLease[] leases =
        MemoryLease.takeBoth(
            source, new MemoryLease.Reading(sourceOffset, readLength, false), target);
    MemoryLease from = leases[0];
    MemoryLease to = leases[1];
    try {
      long expected = target.mutator().expected();
      if (expected >= 0 && expected != to.version()) {
        throw new VersionMismatchException(target.id(), expected, to.version());
      }
      check(source.id(), "sourceOffset", sourceOffset, length, from.sizeBytes());
      check(target.id(), "destinationOffset", targetOffset, length, to.sizeBytes());
      if (readLength >= 0) {
        return target
            .write(targetOffset, from.bytes(), StagedWrites.MODE_STAGED, to.token())
            .version();
      }
      return staged(source, sourceOffset, target, targetOffset, length, from, to);
    } finally {
      from.release();
      to.release();
    }
  }

  private static void check(String id, String field, long offset, long length, long size) {
    if (offset < 0 || length < 0 || offset > size || size - offset < length) {
      throw new OutOfBoundsException(id, field, offset, length, size);
    }
  }

  /** Reads the source in batches, stages it in destination-page chunks, commits it at once. */
  private static long staged(
      RedisMemory source,
      long sourceOffset,
      RedisMemory target,
      long targetOffset,
      long length,
      MemoryLease from,
      MemoryLease to) {
    StagedUpload upload = new StagedUpload(target.context(), target.id());
    long renewAfter = target.context().settings().leaseTtl().toNanos() / 3;
    long renewed = System.nanoTime();
    try {
      long done = 0;
      while (done < length) {
        long batch = Math.min(length - done, (long) READ_PAGES * Pages.PAGE_SIZE);
        byte[] bytes = source.read(sourceOffset + done, batch).value();
        for (int at = 0; at < bytes.length; ) {
          long address = targetOffset + done + at;
          int n = (int) Math.min(Pages.PAGE_SIZE - (address & Pages.PAGE_MASK), bytes.length - at);
          byte[] chunk = Arrays.copyOfRange(bytes, at, at + n);
          boolean zeroPage = n == Pages.PAGE_SIZE && isZero(chunk);
          upload.stage((int) (address >>> Pages.PAGE_SHIFT), zeroPage ? new byte[0] : chunk);
          at += n;
        }
        done += batch;
        if (System.nanoTime() - renewed > renewAfter) {
          from.renew();
          to.renew();
          renewed = System.nanoTime();
        }
      }
      upload.finish();
      Reply reply =
          target
              .mutator()
              .run(
                  "commit",
                  to.token(),
                  null,
                  targetOffset,
                  length,
                  upload.token(),
                  StagedWrites.MODE_STAGED,
                  true);
      return reply.version();
    } catch (RuntimeException e) {
      upload.discard();
      throw e;
    }
  }

  private static boolean isZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
