package dev.wasmmemory.memory;

/** A conditional mutation found the memory at another version than it required. */
public final class VersionMismatchException extends MemoryException {
  private final long expectedVersion;
  private final long actualVersion;

  public VersionMismatchException(String memoryId, long expectedVersion, long actualVersion) {
    super(memoryId, "memory is at version " + actualVersion + ", not " + expectedVersion);
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  public long actualVersion() {
    return actualVersion;
  }
}
