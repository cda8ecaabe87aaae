package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.MemoryBudgetExceededException;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.store.OwnerQuotas;
import dev.wasmmemory.store.Quota;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Owners' quotas in Redis, shared by every replica. Memories an owner holds: the hash {@code
 * wms:{index}:owners}, counted one more by {@code wm4_owner_reserve} before a memory is created
 * (refused there, atomically, at {@code memory.quota.max-memories}) and one fewer when it is
 * dropped; kept whether or not a quota is set. Bytes: a budget per owner ({@code
 * wms:{owner:<sub>}}) with the global budget's lease and settle protocol, taken before the global
 * budget and given back with it; counted from the owner's memories when a replica first finds it
 * missing.
 *
 * <p>Limits: a replica that dies between a lease and its settle leaves those pages counted against
 * the owner (refusing early, never admitting too much): the global budget's reconciliation does not
 * recount owners. A crash between a reservation and the memory's creation leaves one memory counted
 * too many.
 */
final class RedisOwners {
  private static final byte[] OWNERS = Keys.bytes("wms:{index}");

  private final Scripts scripts;
  private final ClusterBudget global;
  private final Quota quota;
  private final Map<String, PageLedger> ledgers = new ConcurrentHashMap<>();

  RedisOwners(Scripts scripts, ClusterBudget global, Quota quota) {
    this.scripts = scripts;
    this.global = global;
    this.quota = quota;
  }

  /** Counts one more memory of {@code owner}, or throws the quota's exception. */
  void reserve(String owner) {
    if (owner == null) {
      return;
    }
    Reply reply = scripts.call("owner_reserve", OWNERS, owner, quota.maxMemories());
    if (reply.status() == Reply.QUOTA) {
      throw OwnerQuotas.tooMany(reply.number(1));
    }
  }

  void release(String owner) {
    if (owner != null) {
      scripts.call("owner_release", OWNERS, owner);
    }
  }

  /** What the pages of {@code owner}'s memories are charged to. */
  PageLedger ledgerOf(String owner) {
    if (owner == null || !quota.limitsBytes()) {
      return global;
    }
    return ledgers.computeIfAbsent(owner, this::ownerLedger);
  }

  private PageLedger ownerLedger(String owner) {
    String tag = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(owner));
    ClusterBudget own =
        new ClusterBudget(scripts, global.replica(), Keys.bytes("wms:{owner:" + tag + "}"));
    if (own.init(quota.budgetBytes())) {
      own.add(storedPages(owner));
    }
    return new OwnerLedger(own, global, quota.budgetBytes() / Pages.PAGE_SIZE);
  }

  /** The materialised pages of every memory of {@code owner}. */
  private long storedPages(String owner) {
    RedisConnection redis = scripts.redis();
    List<byte[]> ids = redis.await(redis.commands().zrange(Keys.INDEX, 0, -1));
    List<RedisFuture<List<KeyValue<byte[], byte[]>>>> reads = new ArrayList<>();
    for (byte[] id : ids) {
      String memoryId = new String(id, StandardCharsets.UTF_8);
      reads.add(
          redis.commands().hmget(Keys.meta(memoryId), Keys.bytes("owner"), Keys.bytes("mat")));
    }
    long total = 0;
    for (RedisFuture<List<KeyValue<byte[], byte[]>>> read : reads) {
      List<KeyValue<byte[], byte[]>> values = redis.await(read);
      if (values.get(0).hasValue()
          && owner.equals(new String(values.get(0).getValue(), StandardCharsets.UTF_8))
          && values.get(1).hasValue()) {
        total += Long.parseLong(new String(values.get(1).getValue(), StandardCharsets.US_ASCII));
      }
    }
    return total;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The owner's budget, then the global one. The owner's is never reconciled, so its gen stays 0
   * and its settles always give freed pages back; the stamp is the global budget's.
   */
  private record OwnerLedger(ClusterBudget owner, ClusterBudget global, long limitPages)
      implements PageLedger {
    @Override
    public long stamp() {
      return global.stamp();
    }

    @Override
    public void acquire(long pages) {
      try {
        owner.acquire(pages);
      } catch (MemoryBudgetExceededException e) {
        throw OwnerQuotas.exceeded(pages, e.availablePages(), limitPages);
      }
      try {
        global.acquire(pages);
      } catch (RuntimeException e) {
        owner.settle(0, pages, 0, 0);
        throw e;
      }
    }

    @Override
    public void settle(long stamp, long acquired, long added, long freed) {
      owner.settle(0, acquired, added, freed);
      global.settle(stamp, acquired, added, freed);
    }
  }
}
