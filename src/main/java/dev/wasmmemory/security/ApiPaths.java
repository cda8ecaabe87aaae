package dev.wasmmemory.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which paths are the API, which credentials and rate limits apply to: everything but the
 * playground, the documentation, the problem pages and the health probes. New endpoints are API
 * paths by default, so none is left open by forgetting it here.
 */
final class ApiPaths {
  /** Served to anyone in every mode (Spring Security path patterns). */
  static final String[] PUBLIC = {
    "/",
    "/index.html",
    "/favicon.ico",
    "/css/**",
    "/js/**",
    "/README.md",
    "/docs/**",
    "/swagger-ui.html",
    "/swagger-ui/**",
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/problems/**",
    "/actuator/health",
    "/actuator/health/**",
    "/actuator/info",
    "/error"
  };

  private static final String[] API_PREFIXES = {"/memories", "/modules", "/instances"};

  private ApiPaths() {}

  /** Whether the request is one of the API's (what a rate limit counts). */
  static boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    for (String prefix : API_PREFIXES) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the request only reads ({@code memory:read}); anything else needs {@code memory:write}.
   */
  static boolean isRead(HttpServletRequest request) {
    String method = request.getMethod();
    return "GET".equals(method) || "HEAD".equals(method);
  }
}
