package dev.wasmmemory.security;

import dev.wasmmemory.service.Caller;
import dev.wasmmemory.service.Callers;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The caller of a request in jwt mode: the token's {@code sub}, a share link, or nobody. */
final class SecurityCallers implements Callers {
  @Override
  public Caller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof JwtAuthenticationToken jwt) {
      return Caller.owner(jwt.getToken().getSubject());
    }
    if (authentication instanceof ShareAuthentication share) {
      return Caller.share(share.memoryId());
    }
    return Caller.NOBODY;
  }

  @Override
  public <T> Supplier<T> carry(Supplier<T> body) {
    SecurityContext caller = SecurityContextHolder.getContext();
    return () -> {
      SecurityContext previous = SecurityContextHolder.getContext();
      SecurityContextHolder.setContext(caller);
      try {
        return body.get();
      } finally {
        SecurityContextHolder.setContext(previous);
      }
    };
  }

  /** What a rate limit counts the request against: its owner, its share link. */
  static String rateKey(Authentication authentication) {
    if (authentication instanceof JwtAuthenticationToken jwt) {
      return "owner:" + jwt.getToken().getSubject();
    }
    if (authentication instanceof ShareAuthentication share) {
      return "share:" + share.shareId();
    }
    return null;
  }
}
