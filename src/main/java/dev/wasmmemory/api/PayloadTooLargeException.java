package dev.wasmmemory.api;

import java.io.IOException;

/**
 * A request body over the configured limit. An {@link IOException}, so that it can be thrown from
 * the body's input stream while a converter or the engine reads it.
 */
final class PayloadTooLargeException extends IOException {
  private final long limit;

  PayloadTooLargeException(long limit) {
    super("request body exceeds the limit of " + limit + " bytes");
    this.limit = limit;
  }

  long limit() {
    return limit;
  }
}
