package dev.wasmmemory.module;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.service.MemoryRegistry;

/** {@link MemoryDirectory} over the service's {@link MemoryRegistry}. */
public final class RegistryMemories implements MemoryDirectory {
  private final MemoryRegistry registry;

  public RegistryMemories(MemoryRegistry registry) {
    this.registry = registry;
  }

  @Override
  public LinearMemory find(String id) {
    return registry.get(id).memory();
  }

  @Override
  public LinearMemory create(int initialPages, Integer maximumPages) {
    return registry
        .create(initialPages, maximumPages == null ? null : (long) maximumPages)
        .memory();
  }

  @Override
  public void delete(String id) {
    registry.delete(id);
  }
}
