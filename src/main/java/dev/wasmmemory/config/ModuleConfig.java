package dev.wasmmemory.config;

import dev.wasmmemory.module.ModuleRepository;
import dev.wasmmemory.module.ModuleRuntime;
import dev.wasmmemory.module.ModuleSettings;
import dev.wasmmemory.module.RegistryMemories;
import dev.wasmmemory.module.StoredModuleRepository;
import dev.wasmmemory.service.Callers;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.events.MemoryEvents;
import dev.wasmmemory.store.MemoryStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The module runtime over the service's memories; modules and instances kept by the memory store
 * (in the heap, in RocksDB across restarts, in Redis for every replica).
 */
@Configuration(proxyBeanMethods = false)
class ModuleConfig {

  @Bean
  ModuleRepository moduleRepository(MemoryStore store) {
    return new StoredModuleRepository(store.records());
  }

  @Bean(destroyMethod = "close")
  ModuleRuntime moduleRuntime(
      ModuleRepository repository,
      MemoryRegistry registry,
      MemoryEvents events,
      MemoryProperties properties,
      ObjectProvider<Callers> callers) {
    int threads =
        properties.executionThreads() != null
            ? properties.executionThreads()
            : 2 * Runtime.getRuntime().availableProcessors();
    ModuleSettings settings =
        new ModuleSettings(
            properties.maxModuleSize().toBytes(),
            properties.maxModules(),
            properties.maxInstances(),
            properties.executionTimeout(),
            threads,
            properties.executionQueue(),
            properties.executionStackSize().toBytes(),
            properties.compile());
    return new ModuleRuntime(
        repository,
        new RegistryMemories(registry, events),
        settings,
        Clock.systemUTC(),
        callers.getIfAvailable(() -> Callers.OPEN));
  }
}
