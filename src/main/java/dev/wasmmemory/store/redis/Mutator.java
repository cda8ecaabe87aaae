package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.StorageException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Runs one mutation of one memory: calls its function with the memory's expected version, the
 * caller's lease token and the pages granted so far, and loops while the function answers NEED
 * (acquire more and call again) or LOCKED (another client holds a lease: wait). The ledger is
 * settled whatever the outcome, so a refused mutation holds no pages.
 */
final class Mutator {
  /** What {@link #expected} is when any version will do. */
  static final long ANY_VERSION = -1;

  private final StoreContext context;
  private final String memoryId;
  private final byte[] meta;
  private final PageLedger ledger;
  private final long expected;

  Mutator(StoreContext context, String memoryId, PageLedger ledger, long expected) {
    this.context = context;
    this.memoryId = memoryId;
    this.meta = Keys.meta(memoryId);
    this.ledger = ledger;
    this.expected = expected;
  }

  long expected() {
    return expected;
  }

  PageLedger ledger() {
    return ledger;
  }

  /**
   * Calls {@code operation} with {@code (expected, token, granted, args…)}; answers the OK reply,
   * or throws what {@code failure} makes of a refusal (null: the common refusals of {@link
   * Reply#failure}, with {@code offset} and {@code length} unknown).
   */
  Reply run(
      String operation, String token, Function<Reply, RuntimeException> failure, Object... args) {
    return runGranted(operation, token, failure, ledger.stamp(), 0, args);
  }

  /**
   * {@link #run}, for a caller that acquired {@code granted} pages already, with {@code stamp}
   * taken before: the ledger is settled for those too.
   */
  Reply runGranted(
      String operation,
      String token,
      Function<Reply, RuntimeException> failure,
      long stamp,
      long alreadyGranted,
      Object... args) {
    Object[] call = new Object[args.length + 3];
    System.arraycopy(args, 0, call, 3, args.length);
    call[0] = expected;
    call[1] = token;
    long granted = alreadyGranted;
    Backoff backoff = new Backoff(context.settings().leaseWait());
    boolean settled = false;
    try {
      while (true) {
        call[2] = granted;
        Reply reply = context.scripts().call(operation, meta, call);
        switch (reply.status()) {
          case Reply.OK -> {
            settled = true;
            ledger.settle(stamp, granted, reply.added(), reply.freed());
            return reply;
          }
          case Reply.NEED -> {
            long more = reply.number(1) - granted;
            ledger.acquire(more);
            granted += more;
          }
          case Reply.LOCKED -> backoff.await(memoryId, reply.number(1));
          case Reply.LEASE_LOST ->
              throw new StorageException(
                  memoryId,
                  "the lease on memory " + memoryId + " expired before its commit: nothing written",
                  null);
          default -> {
            RuntimeException refusal = failure == null ? null : failure.apply(reply);
            throw refusal != null ? refusal : reply.failure(memoryId, expected, 0, 0);
          }
        }
      }
    } finally {
      if (!settled) {
        ledger.settle(stamp, granted, 0, 0);
      }
    }
  }

  /** Waits, a little longer each time, for another client's lease; gives up after a while. */
  static final class Backoff {
    private final long deadline;
    private long sleepNanos = 100_000;

    Backoff(Duration wait) {
      this.deadline = System.nanoTime() + wait.toNanos();
    }

    void await(String memoryId, long leaseMillisLeft) {
      if (System.nanoTime() - deadline > 0) {
        throw new StorageException(
            memoryId, "memory " + memoryId + " stayed leased by another operation too long", null);
      }
      LockSupport.parkNanos(Math.min(sleepNanos, Math.max(1, leaseMillisLeft) * 1_000_000));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new StorageException(
            memoryId, "interrupted while memory " + memoryId + " was leased", null);
      }
      sleepNanos = Math.min(sleepNanos * 2, 10_000_000);
    }
  }
}
