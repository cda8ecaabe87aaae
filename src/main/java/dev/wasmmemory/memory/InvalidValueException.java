package dev.wasmmemory.memory;

/** A value that its {@link ValueType} cannot hold, such as {@code u8} 300: never wrapped. */
public final class InvalidValueException extends MemoryException {
  private final ValueType type;

  InvalidValueException(ValueType type, String value) {
    super(null, value + " is not a value of type " + type.wasmName());
    this.type = type;
  }

  public ValueType type() {
    return type;
  }
}
