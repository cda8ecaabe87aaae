package dev.wasmmemory.memory;

/** The memory was closed (dropped); it takes no more operations. */
public final class MemoryClosedException extends MemoryException {
  MemoryClosedException() {
    super("memory is closed");
  }
}
