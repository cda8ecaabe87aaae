package dev.wasmmemory.service;

/** The memory is not at a version the mutation's {@link Precondition} names (HTTP 412). */
public final class PreconditionFailedException extends RuntimeException {
  private final String memoryId;
  private final long currentVersion;

  public PreconditionFailedException(String memoryId, long currentVersion) {
    super("the memory is at version " + currentVersion + ", which the precondition does not name");
    this.memoryId = memoryId;
    this.currentVersion = currentVersion;
  }

  public String memoryId() {
    return memoryId;
  }

  public long currentVersion() {
    return currentVersion;
  }
}
