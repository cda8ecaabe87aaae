package dev.wasmmemory.module;

/** The bytes are not a valid module: the decoder's or the validator's reason. */
public final class InvalidModuleException extends ModuleException {
  InvalidModuleException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
