package dev.wasmmemory.security;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The header is read exactly as Spring Security's own resolver reads it, refusals included. */
class ShareTokenResolverTest {
  private final DefaultBearerTokenResolver reference = new DefaultBearerTokenResolver();

  @Property(tries = 2000)
  void readsTheAuthorizationHeaderAsSpringSecurityDoes(@ForAll("headers") String authorization) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/memories/x");
    request.addHeader("Authorization", authorization);
    assertThat(outcome(() -> ShareTokenResolver.fromHeader(authorization)))
        .isEqualTo(outcome(() -> reference.resolve(request)));
  }

  @Provide
  Arbitrary<String> headers() {
    Arbitrary<String> scheme =
        Arbitraries.of(
            "Bearer ", "bearer ", "BEARER ", "Bearer", "Basic ", "Bearerx ", "", "Bearer  ");
    Arbitrary<String> token =
        Arbitraries.strings().withChars("aZ09-._~+/=  ,%\u00e9").ofMaxLength(12);
    return scheme.flatMap(s -> token.map(t -> s + t));
  }

  private static String outcome(java.util.function.Supplier<String> resolve) {
    try {
      return "token:" + resolve.get();
    } catch (OAuth2AuthenticationException e) {
      return "refused:" + e.getError().getErrorCode();
    }
  }
}
