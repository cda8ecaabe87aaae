package dev.wasmmemory.security;

import dev.wasmmemory.service.share.ShareLinks;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates share links' tokens (told by their prefix from the identity provider's JWTs, which
 * it leaves to the next provider): valid while signed, unexpired and not revoked in the store.
 */
final class ShareTokenProvider implements AuthenticationProvider {
  private final ShareLinks shares;

  ShareTokenProvider(ShareLinks shares) {
    this.shares = shares;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String token = ((BearerTokenAuthenticationToken) authentication).getToken();
    if (!ShareLinks.isShareToken(token)) {
      return null;
    }
    return shares
        .resolve(token)
        .map(share -> new ShareAuthentication(share.id(), share.memoryId()))
        .orElseThrow(
            () -> new InvalidBearerTokenException("the share link is invalid, expired or revoked"));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
