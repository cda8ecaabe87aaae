package dev.wasmmemory.service;

/** No memory has this id (it never existed, was deleted, or expired). */
public final class MemoryNotFoundException extends RuntimeException {
  private final String memoryId;

  public MemoryNotFoundException(String memoryId) {
    super("no memory with id " + memoryId);
    this.memoryId = memoryId;
  }

  public String memoryId() {
    return memoryId;
  }
}
