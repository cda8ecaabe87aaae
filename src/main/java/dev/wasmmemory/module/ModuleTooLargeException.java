package dev.wasmmemory.module;

/** A module binary larger than {@code memory.max-module-size}. */
public final class ModuleTooLargeException extends ModuleException {
  private final long limit;

  ModuleTooLargeException(long size, long limit) {
    super("the module has " + size + " bytes; at most " + limit + " are accepted");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
