package dev.wasmmemory.module;

/** The service holds as many modules (or instances) as it is configured to. */
public final class ModuleLimitExceededException extends ModuleException {
  private final String what;
  private final int limit;

  ModuleLimitExceededException(String what, int limit) {
    super("the service holds its maximum of " + limit + " " + what);
    this.what = what;
    this.limit = limit;
  }

  /** {@code modules} or {@code instances}. */
  public String what() {
    return what;
  }

  public int limit() {
    return limit;
  }
}
