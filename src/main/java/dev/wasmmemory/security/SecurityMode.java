package dev.wasmmemory.security;

import java.util.Locale;
import org.springframework.core.env.Environment;

/** {@code memory.security}: {@code open} (the default, no credentials) or {@code jwt}. */
public enum SecurityMode {
  OPEN,
  JWT;

  static final String PROPERTY = "memory.security";

  /** The mode the environment names; anything but {@code open} or {@code jwt} stops start-up. */
  public static SecurityMode of(Environment environment) {
    String value = environment.getProperty(PROPERTY, "open").trim();
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(PROPERTY + " must be open or jwt, not '" + value + "'", e);
    }
  }
}
