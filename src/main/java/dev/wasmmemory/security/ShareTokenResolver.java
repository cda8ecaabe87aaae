package dev.wasmmemory.security;

import dev.wasmmemory.service.share.ShareLinks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The token of a request: {@code Authorization: Bearer}, or a share link's {@code ?share=} on a
 * read (so that a link works in a browser's address bar). Only share tokens are taken from the
 * query: a JWT there would end up in logs and histories.
 */
final class ShareTokenResolver implements BearerTokenResolver {
  static final String PARAMETER = "share";

  private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

  @Override
  public String resolve(HttpServletRequest request) {
    String fromHeader = header.resolve(request);
    String[] shared = request.getParameterValues(PARAMETER);
    if (shared == null) {
      return fromHeader;
    }
    if (fromHeader != null || shared.length != 1) {
      throw invalid("give one token: a share parameter, or an Authorization header");
    }
    if (!ShareLinks.isShareToken(shared[0])) {
      throw invalid("the share parameter takes a share link's token only");
    }
    return shared[0];
  }

  private static OAuth2AuthenticationException invalid(String why) {
    BearerTokenError error = BearerTokenErrors.invalidRequest(why);
    return new OAuth2AuthenticationException(error, why);
  }
}
