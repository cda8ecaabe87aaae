package dev.wasmmemory.api;

/** A request the API refuses as malformed (400 invalid-request), naming the field at fault. */
final class InvalidRequestException extends RuntimeException {
  private final String field;

  InvalidRequestException(String message, String field) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
