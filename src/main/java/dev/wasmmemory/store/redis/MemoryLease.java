package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.StorageException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import java.util.BitSet;
import java.util.List;

/**
 * A lease on one memory ({@code P.."lock"}, protocol in {@code wasmmemory.lua}): while it is held,
 * every other client's mutation of the memory waits, so the holder reads a state that cannot change
 * and commits its writes with its token in one call. Leases of two memories are taken together
 * without waiting while one is held (if either is taken, both are given up and retried after a
 * pause), so two transfers in opposite directions cannot deadlock. Taking a lease can also read a
 * region and the bitmap of pages that exist, saving round trips.
 *
 * <p>If the holder dies the lease expires after {@link RedisStoreSettings#leaseTtl()}; a holder
 * whose lease expired gets LEASE_LOST from its commit, which then writes nothing.
 */
final class MemoryLease {
  private final RedisMemory memory;
  private final String token;
  private final Reply state;
  private boolean held;

  private MemoryLease(RedisMemory memory, String token, Reply state) {
    this.memory = memory;
    this.token = token;
    this.state = state;
    this.held = state.ok();
  }

  /** What taking a lease reads besides the memory's version and size. */
  record Reading(long offset, long length, boolean bitmap) {
    static final Reading NOTHING = new Reading(0, -1, false);
  }

  /** Leases {@code memory}, waiting for other holders. */
  static MemoryLease take(RedisMemory memory, Reading reading) {
    return takeBoth(memory, reading, null)[0];
  }

  /**
   * Leases both memories ({@code second} null: only the first), waiting until neither is held by
   * another client; the first's lease reads {@code reading}.
   */
  static MemoryLease[] takeBoth(RedisMemory first, Reading reading, RedisMemory second) {
    String token = first.context().newToken();
    Mutator.Backoff backoff = new Mutator.Backoff(first.context().settings().leaseWait());
    while (true) {
      RedisFuture<List<Object>> a = send(first, token, reading, false);
      RedisFuture<List<Object>> b =
          second == null ? null : send(second, token, Reading.NOTHING, false);
      MemoryLease la = new MemoryLease(first, token, await(first, a));
      MemoryLease lb = second == null ? la : new MemoryLease(second, token, await(second, b));
      if (la.held && lb.held) {
        return new MemoryLease[] {la, lb};
      }
      la.release();
      lb.release();
      for (MemoryLease lease : new MemoryLease[] {la, lb}) {
        if (lease.state.status() == Reply.CLOSED) {
          throw new MemoryClosedException(lease.memory.id());
        }
      }
      MemoryLease locked = la.state.status() == Reply.LOCKED ? la : lb;
      backoff.await(locked.memory.id(), locked.state.number(1));
    }
  }

  private static RedisFuture<List<Object>> send(
      RedisMemory memory, String token, Reading reading, boolean renew) {
    long ttl = memory.context().settings().leaseTtl().toMillis();
    return memory
        .context()
        .scripts()
        .send(
            "lease",
            Keys.meta(memory.id()),
            token,
            ttl,
            reading.offset(),
            reading.length(),
            renew,
            reading.bitmap());
  }

  private static Reply await(RedisMemory memory, RedisFuture<List<Object>> future) {
    try {
      return new Reply(memory.context().redis().await(future));
    } catch (RedisException e) {
      throw Scripts.failed(Keys.meta(memory.id()), "lease", e);
    }
  }

  String token() {
    return token;
  }

  /** The memory's version when the lease was taken: it cannot change while the lease is held. */
  long version() {
    return state.number(1);
  }

  long sizeBytes() {
    return Pages.toBytes(state.number(2));
  }

  int pages() {
    return (int) state.number(2);
  }

  /** The region read with the lease, or null when none was asked for or it was out of bounds. */
  byte[] bytes() {
    return state.bytes(4);
  }

  /** Which pages exist (when the lease read the bitmap): bit i in SETBIT order, MSB first. */
  BitSet stored() {
    byte[] bitmap = state.bytes(5);
    BitSet stored = new BitSet();
    for (int i = 0; i < bitmap.length; i++) {
      for (int k = 0; k < 8; k++) {
        if ((bitmap[i] & (0x80 >>> k)) != 0) {
          stored.set(i * 8 + k);
        }
      }
    }
    return stored;
  }

  /** Renews the lease for another TTL (a long transfer); fails when it was lost meanwhile. */
  void renew() {
    if (!await(memory, send(memory, token, Reading.NOTHING, true)).ok()) {
      held = false;
      throw new StorageException(
          memory.id(), "the lease on memory " + memory.id() + " was lost", null);
    }
  }

  /** A commit with this token ended the lease. */
  void ended() {
    held = false;
  }

  /** Ends the lease if it is still held. */
  void release() {
    if (held) {
      held = false;
      await(memory, memory.context().scripts().send("unlease", Keys.meta(memory.id()), token));
    }
  }
}
