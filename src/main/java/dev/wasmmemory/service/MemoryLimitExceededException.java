package dev.wasmmemory.service;

/** Creating a memory would pass the configured number of memories. */
public final class MemoryLimitExceededException extends RuntimeException {
  private final int maxMemories;

  public MemoryLimitExceededException(int maxMemories) {
    super("the service holds its maximum of " + maxMemories + " memories");
    this.maxMemories = maxMemories;
  }

  public int maxMemories() {
    return maxMemories;
  }
}
