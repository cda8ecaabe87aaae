package dev.wasmmemory.store;

/**
 * A store cannot be opened or used: a data directory locked by another process, corrupt, or written
 * in a format this build does not read; a Redis deployment that cannot keep the promised
 * durability. Start-up fails with its message, which says what to do.
 */
public final class StoreUnavailableException extends RuntimeException {
  private final String action;

  public StoreUnavailableException(String message, String action, Throwable cause) {
    super(message, cause);
    this.action = action;
  }

  /** What the operator can do about it. */
  public String action() {
    return action;
  }
}
