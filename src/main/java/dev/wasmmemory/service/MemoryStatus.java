package dev.wasmmemory.service;

import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.Pages;

/** A memory's limits, size and version, all as of one instant (so an entity tag fits the size). */
public record MemoryStatus(String id, MemoryLimits limits, long sizeBytes, long version) {
  public int currentPages() {
    return (int) (sizeBytes >>> Pages.PAGE_SHIFT);
  }
}
