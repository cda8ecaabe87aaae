package dev.wasmmemory.memory;

/** Limits that no memory can have: initial above maximum, or either above 65536 pages. */
public final class InvalidLimitsException extends MemoryException {
  private final long initialPages;
  private final Long maximumPages;
  private final String field;

  InvalidLimitsException(long initialPages, Long maximumPages, String field, String why) {
    super(
        null,
        "invalid memory limits (initial "
            + initialPages
            + ", maximum "
            + maximumPages
            + "): "
            + why);
    this.initialPages = initialPages;
    this.maximumPages = maximumPages;
    this.field = field;
  }

  public long initialPages() {
    return initialPages;
  }

  /** The maximum asked for, or null when none was. */
  public Long maximumPages() {
    return maximumPages;
  }

  /** The limit at fault: {@code initialPages} or {@code maximumPages}. */
  public String field() {
    return field;
  }
}
