package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.Pages;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import java.util.List;

/**
 * A lease on one memory ({@code P.."lock"}, protocol in {@code wasmmemory.lua}): while it is held,
 * every other client's mutation of the memory waits, so the holder reads a state that cannot change
 * and commits its writes with its token in one call. Leases of two memories are taken together
 * without waiting while one is held (if either is taken, both are given up and retried after a
 * pause), so two transfers in opposite directions cannot deadlock.
 *
 * <p>If the holder dies the lease expires after {@link RedisStoreSettings#leaseTtl()}; a holder
 * whose lease expired gets LEASE_LOST from its commit, which then writes nothing.
 */
final class MemoryLease {
  private final RedisMemory memory;
  private final String token;
  private final Reply state;

  private MemoryLease(RedisMemory memory, String token, Reply state) {
    this.memory = memory;
    this.token = token;
    this.state = state;
  }

  /** Leases {@code memory}, waiting for other holders. */
  static MemoryLease take(RedisMemory memory) {
    return takeBoth(memory, -1, memory, -1)[0];
  }

  /**
   * Leases both memories (distinct), waiting until neither is held by another client. The first's
   * lease also reads {@code [readOffset, readOffset + readLength)} when {@code readLength >= 0} and
   * the region is in bounds ({@link #bytes}).
   */
  static MemoryLease[] takeBoth(
      RedisMemory first, long readOffset, RedisMemory second, long readLength) {
    boolean single = first == second;
    String token = first.context().newToken();
    Mutator.Backoff backoff = new Mutator.Backoff(first.context().settings().leaseWait());
    while (true) {
      RedisFuture<List<Object>> a = send(first, token, readOffset, readLength, false);
      RedisFuture<List<Object>> b = single ? null : send(second, token, 0, -1, false);
      Reply ra = await(first, a);
      Reply rb = single ? ra : await(second, b);
      MemoryLease la = new MemoryLease(first, token, ra);
      MemoryLease lb = single ? la : new MemoryLease(second, token, rb);
      if (ra.ok() && rb.ok()) {
        return new MemoryLease[] {la, lb};
      }
      la.releaseIfHeld();
      lb.releaseIfHeld();
      if (ra.status() == Reply.CLOSED) {
        throw new MemoryClosedException(first.id());
      }
      if (rb.status() == Reply.CLOSED) {
        throw new MemoryClosedException(second.id());
      }
      long wait = ra.status() == Reply.LOCKED ? ra.number(1) : rb.number(1);
      backoff.await((ra.status() == Reply.LOCKED ? first : second).id(), wait);
    }
  }

  private static RedisFuture<List<Object>> send(
      RedisMemory memory, String token, long offset, long length, boolean renew) {
    long ttl = memory.context().settings().leaseTtl().toMillis();
    return memory
        .context()
        .scripts()
        .send("lease", Keys.meta(memory.id()), token, ttl, offset, length, renew);
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

  /** Renews the lease for another TTL (a long transfer); LEASE_LOST when it had expired. */
  void renew() {
    Reply reply = await(memory, send(memory, token, 0, -1, true));
    if (!reply.ok()) {
      throw new dev.wasmmemory.memory.StorageException(
          memory.id(), "the lease on memory " + memory.id() + " was lost", null);
    }
  }

  /** Ends the lease if this token still holds it (a commit with release may have ended it). */
  void release() {
    await(memory, memory.context().scripts().send("unlease", Keys.meta(memory.id()), token));
  }

  private void releaseIfHeld() {
    if (state.ok()) {
      release();
    }
  }
}
