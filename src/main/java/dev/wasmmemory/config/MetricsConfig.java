package dev.wasmmemory.config;

import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.service.MemoryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gauges of the registry and its budget. Per-operation timings come from Spring's {@code
 * http.server.requests} timer, tagged with the URI template ({@code /memories/{id}/bytes}), never
 * with a memory's id.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfig {

  @Bean
  MeterBinder memoryMeters(MemoryRegistry registry, MemoryBudget budget) {
    return meters -> {
      Gauge.builder("memory.count", registry, MemoryRegistry::size)
          .description("Memories the service holds")
          .register(meters);
      Gauge.builder("memory.materialized", budget, MemoryBudget::usedBytes)
          .description("Bytes of materialised pages over all memories")
          .baseUnit("bytes")
          .register(meters);
      Gauge.builder("memory.budget.available", budget, MemoryBudget::availableBytes)
          .description("Bytes of the budget still free")
          .baseUnit("bytes")
          .register(meters);
      Gauge.builder("memory.budget.limit", budget, MemoryBudget::limitBytes)
          .description("The configured budget (memory.budget)")
          .baseUnit("bytes")
          .register(meters);
    };
  }
}
