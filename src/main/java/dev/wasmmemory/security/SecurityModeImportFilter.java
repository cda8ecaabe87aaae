package dev.wasmmemory.security;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * In open mode ({@code memory.security} unset or {@code open}) none of Spring Boot's security
 * auto-configurations is imported: no filter chain, no firewall, no per-request work, and answers
 * exactly as before security was on the class path. With {@code jwt} they all are.
 */
public final class SecurityModeImportFilter
    implements AutoConfigurationImportFilter, EnvironmentAware {
  private static final String SECURITY = "org.springframework.boot.security.";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public boolean[] match(String[] classes, AutoConfigurationMetadata metadata) {
    boolean jwt = SecurityMode.of(environment) == SecurityMode.JWT;
    boolean[] imported = new boolean[classes.length];
    for (int i = 0; i < classes.length; i++) {
      imported[i] = jwt || classes[i] == null || !classes[i].startsWith(SECURITY);
    }
    return imported;
  }
}
