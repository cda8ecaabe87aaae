package dev.wasmmemory.module;

import java.time.Duration;

/** A call ran past {@code memory.execution-timeout} and was stopped; its stores stay. */
public final class ExecutionTimeoutException extends ModuleException {
  private final Duration timeout;

  ExecutionTimeoutException(Duration timeout) {
    super("the call ran longer than " + timeout.toMillis() + " ms and was stopped");
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }
}
