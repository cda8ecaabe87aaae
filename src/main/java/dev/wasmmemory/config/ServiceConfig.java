package dev.wasmmemory.config;

import dev.wasmmemory.api.ApiSettings;
import dev.wasmmemory.security.SecurityMode;
import dev.wasmmemory.service.Callers;
import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.MemoryService;
import dev.wasmmemory.service.share.ShareLinks;
import dev.wasmmemory.store.MemoryStore;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Builds the registry, its budget, the service over them and the HTTP layer's limits from {@link
 * MemoryProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MemoryProperties.class)
class ServiceConfig {

  @Bean
  MemoryBudget memoryBudget(MemoryProperties properties) {
    return new MemoryBudget(properties.budgetBytes());
  }

  @Bean
  MemoryRegistry memoryRegistry(
      MemoryStore store,
      MemoryBudget budget,
      MemoryProperties properties,
      ObjectProvider<Callers> callers) {
    Duration touchEvery = Duration.ofSeconds(1);
    if (properties.idleExpiry() != null
        && properties.idleExpiry().dividedBy(10).compareTo(touchEvery) < 0) {
      touchEvery = properties.idleExpiry().dividedBy(10);
    }
    return new MemoryRegistry(
        store,
        budget,
        properties.maxMemories(),
        Clock.systemUTC(),
        touchEvery,
        callers.getIfAvailable(() -> Callers.OPEN));
  }

  /** Share links: only with memory.security=jwt (in open mode they would restrict nothing). */
  @Bean
  ShareLinks shareLinks(
      MemoryRegistry registry,
      MemoryStore store,
      ObjectProvider<Callers> callers,
      Environment environment) {
    return new ShareLinks(
        registry,
        store,
        callers.getIfAvailable(() -> Callers.OPEN),
        Clock.systemUTC(),
        SecurityMode.of(environment) == SecurityMode.JWT);
  }

  @Bean
  MemoryService memoryService(MemoryRegistry registry) {
    return new MemoryService(registry);
  }

  @Bean
  ApiSettings apiSettings(MemoryProperties properties) {
    return new ApiSettings(
        properties.maxBodySize().toBytes(),
        properties.maxJsonBodySize().toBytes(),
        properties.maxEncodedRegion().toBytes(),
        properties.listEnabled(),
        properties.maxBatchOperations());
  }
}
