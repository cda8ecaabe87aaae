package dev.wasmmemory.security;

import dev.wasmmemory.service.share.ShareLinks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * The token of a request: {@code Authorization: Bearer}, or a share link's {@code ?share=} on a
 * read (so that a link works in a browser's address bar). Only share tokens are taken from the
 * query: a JWT there would end up in logs and histories.
 */
final class ShareTokenResolver implements BearerTokenResolver {
  static final String PARAMETER = "share";

  @Override
  public String resolve(HttpServletRequest request) {
    String fromHeader = fromHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
    String query = request.getQueryString();
    if (query == null || !query.contains(PARAMETER + "=")) {
      return fromHeader; // no parameters parsed (and checked by the firewall) for most requests
    }
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

  /**
   * The token of an {@code Authorization: Bearer …} header, as Spring Security's {@code
   * DefaultBearerTokenResolver} takes it (RFC 6750's b64token, scheme case-insensitive; null for
   * another scheme), without its regular expression per request.
   */
  static String fromHeader(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "bearer", 0, 6)) {
      return null;
    }
    int start = 7;
    int end = authorization.length();
    while (end > start && authorization.charAt(end - 1) == '=') {
      end--;
    }
    boolean wellFormed =
        authorization.length() > 6 && authorization.charAt(6) == ' ' && end > start;
    for (int i = start; wellFormed && i < end; i++) {
      char c = authorization.charAt(i);
      wellFormed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || c == '+'
              || c == '/';
    }
    if (!wellFormed) {
      BearerTokenError error = BearerTokenErrors.invalidToken("Bearer token is malformed");
      throw new OAuth2AuthenticationException(error);
    }
    return authorization.substring(start);
  }

  private static OAuth2AuthenticationException invalid(String why) {
    BearerTokenError error = BearerTokenErrors.invalidRequest(why);
    return new OAuth2AuthenticationException(error, why);
  }
}
