package dev.wasmmemory.store;

/**
 * An owner's quota ({@code memory.quota.budget} bytes stored, {@code memory.quota.max-memories})
 * would be passed; thrown before anything changes.
 */
public final class OwnerQuotaExceededException extends RuntimeException {
  /** Which quota. */
  public enum Kind {
    BUDGET,
    MEMORIES
  }

  private final Kind kind;
  private final long limit;

  public OwnerQuotaExceededException(Kind kind, long limit, String message) {
    super(message);
    this.kind = kind;
    this.limit = limit;
  }

  public Kind kind() {
    return kind;
  }

  /** Bytes (BUDGET) or memories (MEMORIES) the owner may hold. */
  public long limit() {
    return limit;
  }
}
