package dev.wasmmemory.memory;

/** The memory was closed (dropped); it takes no more operations. */
public final class MemoryClosedException extends MemoryException {
  public MemoryClosedException(String memoryId) {
    super(memoryId, "memory " + memoryId + " is closed");
  }
}
