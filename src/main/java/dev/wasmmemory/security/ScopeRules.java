package dev.wasmmemory.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The one place scopes are checked, for every API path: a read (GET, HEAD) needs {@code
 * memory:read}, anything else {@code memory:write}. A share link reads below {@code /memories/<id>}
 * only (which memory, the registry checks); listing is not reading a memory. Who owns what is the
 * registry's to check, not this.
 */
final class ScopeRules implements AuthorizationManager<RequestAuthorizationContext> {
  static final String READ = "memory:read";
  static final String WRITE = "memory:write";
  private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
  private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    Authentication caller = authentication.get();
    if (caller == null || !caller.isAuthenticated()) {
      return DENIED;
    }
    HttpServletRequest request = context.getRequest();
    boolean read = ApiPaths.isRead(request);
    if (caller instanceof ShareAuthentication) {
      return read && request.getRequestURI().startsWith("/memories/") ? GRANTED : DENIED;
    }
    String needed = "SCOPE_" + (read ? READ : WRITE);
    for (GrantedAuthority authority : caller.getAuthorities()) {
      if (needed.equals(authority.getAuthority())) {
        return GRANTED;
      }
    }
    return DENIED;
  }
}
