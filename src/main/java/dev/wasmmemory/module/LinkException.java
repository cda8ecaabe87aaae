package dev.wasmmemory.module;

/**
 * The imports cannot be satisfied: one is missing, of the wrong kind, or a memory whose limits do
 * not match. Nothing was instantiated and no memory was changed.
 */
public final class LinkException extends ModuleException {
  private final String importName;

  LinkException(String message, String importName) {
    super(message);
    this.importName = importName;
  }

  LinkException(String message, String importName, Throwable cause) {
    super(message, cause);
    this.importName = importName;
  }

  /** The import at fault ({@code module.name}), or null when Endive did not say. */
  public String importName() {
    return importName;
  }
}
