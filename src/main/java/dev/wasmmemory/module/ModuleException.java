package dev.wasmmemory.module;

/** The root of what running modules can refuse; each subclass is one problem type of the API. */
public abstract class ModuleException extends RuntimeException {
  ModuleException(String message) {
    super(message);
  }

  ModuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
