package dev.wasmmemory.config;

import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.store.MemoryStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gauges of the memories and the budget, as the store counts them (so on Redis, over all replicas).
 * Per-operation timings come from Spring's {@code http.server.requests} timer, tagged with the URI
 * template ({@code /memories/{id}/bytes}), never with a memory's id.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfig {

  @Bean
  MeterBinder memoryMeters(MemoryRegistry registry, MemoryStore store, MemoryProperties limits) {
    long limit = limits.budgetBytes();
    return meters -> {
      Gauge.builder("memory.count", registry, MemoryRegistry::size)
          .description("Memories the service holds")
          .register(meters);
      Gauge.builder("memory.materialized", store, MemoryStore::storedBytes)
          .description("Bytes of pages stored over all memories (of every replica, on Redis)")
          .baseUnit("bytes")
          .register(meters);
      Gauge.builder("memory.budget.available", store, s -> limit - s.storedBytes())
          .description("Bytes of the budget still free")
          .baseUnit("bytes")
          .register(meters);
      Gauge.builder("memory.budget.limit", () -> limit)
          .description("The configured budget (memory.budget)")
          .baseUnit("bytes")
          .register(meters);
    };
  }
}
