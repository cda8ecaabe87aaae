package dev.wasmmemory.config;

import dev.wasmmemory.service.events.EventSettings;
import dev.wasmmemory.store.Durability;
import dev.wasmmemory.store.Quota;
import dev.wasmmemory.store.Rate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The service's limits, under the {@code memory.} prefix (environment variables by relaxed binding:
 * {@code MEMORY_BUDGET=2GB}).
 *
 * @param budget bytes of materialised pages over all memories; null means half of the max heap
 * @param maxBodySize largest raw ({@code application/octet-stream}) request body
 * @param maxJsonBodySize largest request body of any other media type (JSON)
 * @param maxEncodedRegion largest region read as JSON (base64) or as a hex dump
 * @param maxMemories how many memories may exist at once
 * @param maxBatchOperations how many operations one batch may hold
 * @param listEnabled whether {@code GET /memories} answers; off where knowing an id is the only
 *     credential
 * @param idleExpiry memories unused for this long are dropped; null (the default) keeps them
 * @param corsAllowedOrigins origins (patterns) whose browsers may call the API
 * @param store where memories live: {@code rocksdb} (durable, embedded), {@code heap} (volatile) or
 *     {@code redis} (shared by replicas)
 * @param dataDir the RocksDB store's directory
 * @param cacheSize bytes of pages the durable stores keep in the heap; null means a quarter of the
 *     max heap
 * @param durability what an acknowledged write survives: a crash of the process, or power loss
 * @param maxModuleSize largest WebAssembly module accepted by {@code POST /modules}
 * @param maxModules modules held at once
 * @param maxInstances instances held at once
 * @param executionTimeout how long one call (or instantiation) may run before it is stopped
 * @param executionThreads calls that run at once; null means two per processor
 * @param executionQueue calls that may wait for a thread; more are refused with 503
 * @param executionStackSize stack of each execution thread: how deep WebAssembly may recurse
 * @param compile whether modules are compiled to JVM bytecode (false: Endive's interpreter)
 * @param events the live change streams ({@code GET /memories/{id}/events})
 * @param quota what each owner may hold (jwt mode); off unless set
 * @param rateLimit requests per caller, e.g. {@code 20/s} (see {@link Rate#parse}); off unless set
 * @param snapshots how many snapshots a memory may hold, how long a diff may be
 */
@ConfigurationProperties("memory")
public record MemoryProperties(
    DataSize budget,
    @DefaultValue("4GB") DataSize maxBodySize,
    @DefaultValue("32MB") DataSize maxJsonBodySize,
    @DefaultValue("16MB") DataSize maxEncodedRegion,
    @DefaultValue("10000") int maxMemories,
    @DefaultValue("10000") int maxBatchOperations,
    @DefaultValue("true") boolean listEnabled,
    Duration idleExpiry,
    @DefaultValue("*") List<String> corsAllowedOrigins,
    @DefaultValue("rocksdb") StoreKind store,
    @DefaultValue("./data") Path dataDir,
    DataSize cacheSize,
    @DefaultValue("process") Durability durability,
    @DefaultValue("16MB") DataSize maxModuleSize,
    @DefaultValue("1000") int maxModules,
    @DefaultValue("1000") int maxInstances,
    @DefaultValue("5s") Duration executionTimeout,
    Integer executionThreads,
    @DefaultValue("64") int executionQueue,
    @DefaultValue("64MB") DataSize executionStackSize,
    @DefaultValue("true") boolean compile,
    @DefaultValue QuotaProperties quota,
    String rateLimit,
    @DefaultValue Events events,
    @DefaultValue Snapshots snapshots) {

  /**
   * {@code memory.snapshots.*}.
   *
   * @param maxPerMemory snapshots one memory may hold
   * @param maxDiffRanges ranges one diff lists (it says when there were more)
   */
  public record Snapshots(
      @DefaultValue("64") int maxPerMemory, @DefaultValue("10000") int maxDiffRanges) {}

  /**
   * {@code memory.events.*}: see {@link EventSettings}.
   *
   * @param history changes kept per memory to resume from
   * @param retention how long the history outlives the last subscriber
   * @param maxSubscribers streams served at once by this process
   * @param heartbeat how often an idle stream gets a comment
   * @param pollInterval how often the Redis store's record of changes is read
   */
  public record Events(
      @DefaultValue("1000") int history,
      @DefaultValue("5m") Duration retention,
      @DefaultValue("1000") int maxSubscribers,
      @DefaultValue("15s") Duration heartbeat,
      @DefaultValue("20ms") Duration pollInterval) {
    public EventSettings settings() {
      return new EventSettings(
          history, retention, maxSubscribers, heartbeat, pollInterval, Duration.ofSeconds(2));
    }
  }

  /**
   * {@code memory.quota.*}: per owner.
   *
   * @param budget bytes of pages an owner's memories may store together
   * @param maxMemories memories an owner may hold at once
   */
  public record QuotaProperties(DataSize budget, Integer maxMemories) {
    public Quota toQuota() {
      return new Quota(
          budget == null ? -1 : budget.toBytes(), maxMemories == null ? -1 : maxMemories);
    }
  }

  /** The configured rate limit, or null. */
  public Rate rate() {
    return rateLimit == null || rateLimit.isBlank() ? null : Rate.parse(rateLimit);
  }

  /** The stores {@code memory.store} names. */
  public enum StoreKind {
    HEAP,
    ROCKSDB,
    REDIS
  }

  /**
   * The page cache of the durable stores in bytes: the configured size, or a quarter of the heap.
   */
  public long cacheSizeBytes() {
    return cacheSize != null ? cacheSize.toBytes() : Runtime.getRuntime().maxMemory() / 4;
  }

  /** The budget in bytes: the configured one, or half of the JVM's max heap. */
  public long budgetBytes() {
    return budget != null ? budget.toBytes() : Runtime.getRuntime().maxMemory() / 2;
  }
}
