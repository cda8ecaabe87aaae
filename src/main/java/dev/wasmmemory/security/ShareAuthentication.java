package dev.wasmmemory.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The bearer of a valid share link: reads one memory, nothing else. */
final class ShareAuthentication extends AbstractAuthenticationToken {
  static final String AUTHORITY = "SHARE_READ";

  private final String shareId;
  private final String memoryId;

  ShareAuthentication(String shareId, String memoryId) {
    super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
    this.shareId = shareId;
    this.memoryId = memoryId;
    setAuthenticated(true);
  }

  String shareId() {
    return shareId;
  }

  String memoryId() {
    return memoryId;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return "share:" + shareId;
  }
}
