package dev.wasmmemory.config;

import dev.wasmmemory.memory.PageCache;
import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.store.LocalRateLimiter;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.OwnerQuotas;
import dev.wasmmemory.store.Rate;
import dev.wasmmemory.store.RateLimiter;
import dev.wasmmemory.store.heap.HeapMemoryStore;
import dev.wasmmemory.store.redis.RedisMemoryStore;
import dev.wasmmemory.store.rocksdb.RocksMemoryStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store chosen by {@code memory.store}: RocksDB in {@code memory.data-dir} unless told
 * otherwise, or the heap. (Redis has a configuration of its own.) The store is closed with the
 * application context, after the web server has finished its requests.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfig {

  @Bean
  PageCache pageCache(MemoryProperties properties) {
    return new PageCache(properties.cacheSizeBytes());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "memory.store", havingValue = "rocksdb", matchIfMissing = true)
  MemoryStore rocksMemoryStore(MemoryProperties properties, MemoryBudget budget, PageCache cache) {
    return RocksMemoryStore.open(
        properties.dataDir(),
        properties.durability(),
        OwnerQuotas.of(budget, properties.quota().toQuota()),
        cache);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "memory.store", havingValue = "heap")
  MemoryStore heapMemoryStore(MemoryBudget budget, MemoryProperties properties) {
    return new HeapMemoryStore(
        OwnerQuotas.of(budget, properties.quota().toQuota()), Clock.systemUTC());
  }

  /**
   * {@code memory.rate-limit}: counted in Redis with the Redis store, in this process otherwise.
   */
  @Bean
  @ConditionalOnProperty("memory.rate-limit")
  RateLimiter rateLimiter(MemoryStore store, MemoryProperties properties) {
    Rate rate = properties.rate();
    return store instanceof RedisMemoryStore redis
        ? redis.rateLimiter(rate)
        : new LocalRateLimiter(rate);
  }
}
