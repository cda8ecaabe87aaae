package dev.wasmmemory.service.snapshot;

/** A restore or diff named a snapshot of another memory (of the same owner). */
public final class CrossMemoryException extends RuntimeException {
  private final String field;

  public CrossMemoryException(String memoryId, String snapshotId, String field) {
    super(
        "snapshot "
            + snapshotId
            + " is not one of memory "
            + memoryId
            + "'s: a restore or a diff stays within one memory");
    this.field = field;
  }

  public String field() {
    return field;
  }
}
