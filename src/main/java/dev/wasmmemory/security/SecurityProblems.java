package dev.wasmmemory.security;

import dev.wasmmemory.api.problem.ProblemDetails;
import dev.wasmmemory.api.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as problem details, with the {@code WWW-Authenticate: Bearer} challenge of RFC 6750:
 * no error for a request without a token, {@code invalid_token} for a bad one, {@code
 * insufficient_scope} naming the scope for a token that may not do this.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {
  private final ProblemWriter writer;

  SecurityProblems(ProblemWriter writer) {
    this.writer = writer;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    boolean badToken = e instanceof OAuth2AuthenticationException;
    String detail =
        badToken
            ? "the bearer token was refused: " + e.getMessage()
            : "this operation needs a bearer token (Authorization: Bearer <JWT>, or a share link)";
    String challenge =
        badToken
            ? "Bearer error=\"invalid_token\", error_description=\"" + quoted(e.getMessage()) + "\""
            : "Bearer";
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
    writer.write(request, response, ProblemDetails.of(ProblemType.UNAUTHORIZED, detail));
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    String scope = ApiPaths.isRead(request) ? ScopeRules.READ : ScopeRules.WRITE;
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE,
        "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
    String detail =
        "the token may not do this: it needs the scope "
            + scope
            + (ApiPaths.isRead(request) ? "" : " (a share link only reads its memory)");
    writer.write(
        request,
        response,
        ProblemDetails.of(ProblemType.INSUFFICIENT_SCOPE, detail).with("scope", scope));
  }

  /** RFC 6750's error_description: no quotes or backslashes, printable ASCII only. */
  private static String quoted(String text) {
    StringBuilder out = new StringBuilder();
    String source = text == null ? "" : text;
    for (int i = 0; i < source.length() && out.length() < 200; i++) {
      char c = source.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
