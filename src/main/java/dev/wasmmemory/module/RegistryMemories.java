package dev.wasmmemory.module;

import dev.wasmmemory.memory.AccessChange;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.events.MemoryEvents;
import dev.wasmmemory.store.MemoryChange;

/**
 * {@link MemoryDirectory} over the service's {@link MemoryRegistry}, telling the service's {@link
 * MemoryEvents} of the changes calls make.
 */
public final class RegistryMemories implements MemoryDirectory {
  private final MemoryRegistry registry;
  private final MemoryEvents events;

  public RegistryMemories(MemoryRegistry registry, MemoryEvents events) {
    this.registry = registry;
    this.events = events;
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

  @Override
  public void changed(AccessChange change) {
    events.publish(change.memoryId(), MemoryChange.of(change));
  }
}
