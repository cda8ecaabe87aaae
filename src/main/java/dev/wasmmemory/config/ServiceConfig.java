package dev.wasmmemory.config;

import dev.wasmmemory.api.ApiSettings;
import dev.wasmmemory.security.SecurityMode;
import dev.wasmmemory.service.Callers;
import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.MemoryService;
import dev.wasmmemory.service.events.MemoryEvents;
import dev.wasmmemory.service.share.ShareLinks;
import dev.wasmmemory.service.snapshot.SnapshotService;
import dev.wasmmemory.store.MemoryStore;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
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
  MemoryEvents memoryEvents(MemoryStore store, MemoryProperties properties) {
    return new MemoryEvents(properties.events().settings(), store.changeLog().orElse(null));
  }

  /**
   * Ends the open event streams when the context stops (the hub itself closes with the context),
   * before the web server's graceful shutdown (which would otherwise wait for them): this
   * lifecycle's phase is stopped first.
   */
  @Bean
  SmartLifecycle memoryEventsLifecycle(MemoryEvents events) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        running = true;
      }

      @Override
      public void stop() {
        running = false;
        events.endStreams();
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  @Bean
  MemoryService memoryService(MemoryRegistry registry, MemoryEvents events) {
    return new MemoryService(registry, events);
  }

  @Bean
  SnapshotService snapshotService(
      MemoryRegistry registry,
      MemoryStore store,
      MemoryEvents events,
      MemoryProperties properties) {
    return new SnapshotService(
        registry,
        store,
        events,
        properties.snapshots().maxPerMemory(),
        properties.snapshots().maxDiffRanges(),
        Clock.systemUTC());
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
