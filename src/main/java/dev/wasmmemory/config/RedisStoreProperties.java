package dev.wasmmemory.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Redis store ({@code memory.store=redis}), under {@code memory.redis.}; the
 * servers themselves are Spring Data Redis's {@code spring.data.redis.*} (a cluster's nodes, or a
 * host and port).
 *
 * @param checkDurability check at start that every primary's persistence keeps {@code
 *     memory.durability}; turn off only where CONFIG is disabled and the servers are known good
 * @param leaseTtl the life of a lease (transfers, direct access, exclusive calls) if its holder
 *     dies
 * @param leaseWait how long a write waits for another client's lease before it fails
 * @param viewTtl how long a view's pin outlives its last read (a reader that went away)
 * @param viewLifetime the longest a view (a streamed read) may stay open
 * @param stagingTtl how long the staged pages of an unfinished streamed write are kept
 * @param reconcileInterval how often the global budget is recounted from the memories
 */
@ConfigurationProperties("memory.redis")
public record RedisStoreProperties(
    @DefaultValue("true") boolean checkDurability,
    @DefaultValue("30s") Duration leaseTtl,
    @DefaultValue("60s") Duration leaseWait,
    @DefaultValue("2m") Duration viewTtl,
    @DefaultValue("1h") Duration viewLifetime,
    @DefaultValue("10m") Duration stagingTtl,
    @DefaultValue("5m") Duration reconcileInterval) {}
