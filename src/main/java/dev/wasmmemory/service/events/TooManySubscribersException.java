package dev.wasmmemory.service.events;

/** The process serves {@code memory.events.max-subscribers} streams already. */
public final class TooManySubscribersException extends RuntimeException {
  private final int limit;

  public TooManySubscribersException(int limit) {
    super("this service serves its limit of " + limit + " event subscribers; retry later");
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }
}
