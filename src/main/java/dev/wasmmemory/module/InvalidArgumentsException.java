package dev.wasmmemory.module;

/**
 * A request names what the module does not have, or gives arguments that do not fit: an unknown
 * function, a wrong argument count or type, an import binding that names no import.
 */
public final class InvalidArgumentsException extends ModuleException {
  private final String field;

  public InvalidArgumentsException(String message, String field) {
    super(message);
    this.field = field;
  }

  /** The request's member at fault: {@code function} or {@code args[i]}. */
  public String field() {
    return field;
  }
}
