package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.store.ChangeLog;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.Quota;
import dev.wasmmemory.store.Rate;
import dev.wasmmemory.store.RateLimiter;
import dev.wasmmemory.store.RecordStore;
import dev.wasmmemory.store.ShareRecord;
import dev.wasmmemory.store.SnapshotStore;
import dev.wasmmemory.store.StoreUnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memories in Redis (a Redis Cluster or one node): durable with the servers' AOF, and shared by
 * every replica of the service, which all see the same memories, bytes and versions. The memories
 * ({@link RedisMemory}) keep nothing in this JVM; this store adds the index of memories ({@link
 * MemoryIndex}), the global budget ({@link ClusterBudget}, reconciled by {@link BudgetReconciler})
 * and this replica's heartbeat, which tells the others it is alive.
 */
public final class RedisMemoryStore implements MemoryStore {
  private static final Logger log = LoggerFactory.getLogger(RedisMemoryStore.class);
  private static final Pattern ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** A replica whose heartbeat is older than this is taken for dead by a reconciliation. */
  private static final Duration HEARTBEAT_TTL = Duration.ofSeconds(30);

  private final StoreContext context;
  private final ClusterBudget budget;
  private final MemoryIndex index;
  private final RedisOwners owners;
  private final RedisShares shares;
  private final RecordStore records;
  private final ScheduledExecutorService scheduler;
  private final RedisChangeLog changes;
  private final RedisSnapshots snapshots;
  private final KnownMemories known = new KnownMemories();

  private RedisMemoryStore(StoreContext context, ClusterBudget budget, Quota quota) {
    this.context = context;
    this.records = new RedisRecordStore(context.redis());
    this.budget = budget;
    this.changes = new RedisChangeLog(context.scripts());
    this.snapshots = new RedisSnapshots(context);
    this.index = new MemoryIndex(context.scripts());
    this.owners = new RedisOwners(context.scripts(), budget, quota);
    this.shares = new RedisShares(context.redis());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "redis-memory-store");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Connects through {@code client} (a {@code RedisClusterClient} or a {@code RedisClient}), checks
   * that the servers keep {@code settings.durability()}, loads the function library on every
   * primary and joins the global budget. The client stays the caller's to shut down.
   */
  public static RedisMemoryStore open(AbstractRedisClient client, RedisStoreSettings settings) {
    return open(client, settings, Quota.NONE);
  }

  /**
   * Opens the store as {@link #open(AbstractRedisClient, RedisStoreSettings)}, with owners' quotas.
   */
  public static RedisMemoryStore open(
      AbstractRedisClient client, RedisStoreSettings settings, Quota quota) {
    RedisConnection redis;
    try {
      redis = RedisConnection.open(client);
    } catch (RedisException e) {
      throw new StoreUnavailableException(
          "cannot connect to Redis: " + e.getMessage(),
          "check that the servers named by spring.data.redis.* are up and reachable",
          e);
    }
    try {
      DurabilityCheck.verify(redis, settings.durability(), settings.checkDurability());
      FunctionLibrary library = FunctionLibrary.bundled();
      library.load(redis);
      Scripts scripts = new Scripts(redis, library);
      StoreContext context = new StoreContext(scripts, settings);
      ClusterBudget budget = new ClusterBudget(scripts, context.newToken());
      RedisMemoryStore store = new RedisMemoryStore(context, budget, quota);
      store.start(settings);
      return store;
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  private void start(RedisStoreSettings settings) {
    budget.heartbeat(HEARTBEAT_TTL);
    BudgetReconciler reconciler =
        new BudgetReconciler(context.scripts(), budget, Duration.ofMinutes(1));
    if (budget.init(settings.budgetBytes())) {
      reconciler.reconcile();
    }
    long beat = HEARTBEAT_TTL.toMillis() / 3;
    scheduler.scheduleWithFixedDelay(
        () -> background("heartbeat", () -> budget.heartbeat(HEARTBEAT_TTL)),
        beat,
        beat,
        TimeUnit.MILLISECONDS);
    long every = settings.reconcileInterval().toMillis();
    scheduler.scheduleWithFixedDelay(
        () -> background("budget reconciliation", reconciler::reconcile),
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  /** Runs a background task; a failure (Redis unreachable for a while) is logged and retried. */
  private static void background(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("{} failed, retried later: {}", what, e.toString());
    }
  }

  @Override
  public LinearMemory create(MemoryLimits limits, String owner) {
    owners.reserve(owner);
    try {
      return create(limits, owner, owners.ledgerOf(owner));
    } catch (RuntimeException e) {
      owners.release(owner);
      throw e;
    }
  }

  /**
   * A memory whose pages are paid for from {@code pageBudget} instead of the global budget: the
   * engine's contract suites count pages with their own budgets.
   */
  public LinearMemory create(MemoryLimits limits, String owner, PageBudget pageBudget) {
    return create(limits, owner, PageLedger.of(pageBudget));
  }

  private LinearMemory create(MemoryLimits limits, String owner, PageLedger ledger) {
    String id = index.create(limits, owner == null ? "" : owner);
    known.put(id, limits, owner);
    return new RedisMemory(context, id, limits, ledger, Mutator.ANY_VERSION);
  }

  @Override
  public Optional<LinearMemory> find(String id) {
    return findOwned(id).map(Owned::memory);
  }

  /** A memory this replica knows costs no look-up ({@link KnownMemories}). */
  @Override
  public Optional<Owned> findOwned(String id) {
    KnownMemories.Known memory = id == null ? null : known.get(id);
    if (memory == null) {
      Optional<MemoryRecord> record = record(id);
      if (record.isEmpty()) {
        return Optional.empty();
      }
      memory = known.put(id, record.get().limits(), record.get().owner());
    }
    return Optional.of(
        new Owned(
            new RedisMemory(
                context, id, memory.limits(), owners.ledgerOf(memory.owner()), Mutator.ANY_VERSION),
            memory.owner()));
  }

  @Override
  public Optional<MemoryRecord> record(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return index.record(id);
  }

  @Override
  public List<MemoryRecord> list() {
    return index.list();
  }

  @Override
  public int count() {
    return index.count();
  }

  @Override
  public boolean delete(LinearMemory memory) {
    if (!(memory instanceof RedisMemory stored) || stored.context() != context) {
      throw new IllegalArgumentException("not a memory of this store: " + memory.id());
    }
    String owner = record(stored.id()).map(MemoryRecord::owner).orElse(null);
    known.forget(stored.id());
    boolean dropped = stored.drop();
    index.remove(stored.id());
    if (dropped) {
      owners.release(owner);
    }
    return dropped;
  }

  @Override
  public void touch(String id, Instant now) {
    if (ID.matcher(id).matches()) {
      context.scripts().send("touch", Keys.meta(id), now.toEpochMilli());
    }
  }

  /** Every replica's writes, recorded by the functions that make them. */
  @Override
  public Optional<ChangeLog> changeLog() {
    return Optional.of(changes);
  }

  /** Snapshots kept with their memories, seen by every replica. */
  @Override
  public Optional<SnapshotStore> snapshots() {
    return Optional.of(snapshots);
  }

  @Override
  public void saveShare(ShareRecord share) {
    shares.save(share);
  }

  @Override
  public Optional<ShareRecord> share(String shareId) {
    return shares.find(shareId);
  }

  @Override
  public boolean deleteShare(String shareId) {
    return shares.delete(shareId);
  }

  @Override
  public byte[] signingKey() {
    return shares.signingKey();
  }

  /** A rate limit whose buckets every replica shares. */
  public RateLimiter rateLimiter(Rate rate) {
    return new RedisRateLimiter(context.scripts(), rate);
  }

  /** An upper bound: exact but for pages a dead replica leased, until the next reconciliation. */
  @Override
  public RecordStore records() {
    return records;
  }

  @Override
  public long storedBytes() {
    return budget.heartbeat(HEARTBEAT_TTL).storedBytes();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    context.redis().close();
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }
}
