package dev.wasmmemory.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class CachingJwtAuthenticationProviderTest {
  private static final Instant START = Instant.parse("2026-12-02T00:00:00Z");

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    private Instant now = START;

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /**
   * Verifies "good-…" tokens (valid for an hour from START, "good-short" for two minutes), refuses
   * the rest; counts calls.
   */
  private static final class CountingDecoder implements JwtDecoder {
    final List<String> decoded = new ArrayList<>();

    @Override
    public Jwt decode(String token) {
      decoded.add(token);
      if (!token.startsWith("good-")) {
        throw new BadJwtException("bad signature");
      }
      return Jwt.withTokenValue(token)
          .header("alg", "HS256")
          .subject("alice")
          .claim("scope", "memory:read")
          .issuedAt(START)
          .expiresAt(
              START.plus(token.equals("good-short") ? Duration.ofMinutes(2) : Duration.ofHours(1)))
          .build();
    }
  }

  private final TestClock clock = new TestClock();
  private final CountingDecoder delegate = new CountingDecoder();
  private final CachingJwtAuthenticationProvider provider = provider(delegate, clock);

  private static CachingJwtAuthenticationProvider provider(JwtDecoder decoder, Clock clock) {
    JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(decoder);
    return new CachingJwtAuthenticationProvider(jwt, clock);
  }

  private JwtAuthenticationToken authenticate(String token) {
    var bearer = new BearerTokenAuthenticationToken(token);
    bearer.setDetails("details of " + token);
    return (JwtAuthenticationToken) provider.authenticate(bearer);
  }

  @Test
  void aTokenIsVerifiedOnceAndThenAnsweredFromTheCache() {
    JwtAuthenticationToken first = authenticate("good-1");
    JwtAuthenticationToken second = authenticate("good-1");
    assertThat(second).isNotSameAs(first); // nothing mutable shared between requests
    assertThat(second.getToken()).isSameAs(first.getToken());
    assertThat(second.getName()).isEqualTo("alice");
    assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
    assertThat(second.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .contains("SCOPE_memory:read");
    assertThat(second.isAuthenticated()).isTrue();
    assertThat(second.getDetails()).isEqualTo("details of good-1");
    assertThat(delegate.decoded).containsExactly("good-1");
  }

  @Test
  void aCachedTokenIsRefusedOnceItExpires() {
    authenticate("good-short");
    clock.advance(Duration.ofMinutes(2));
    authenticate("good-short"); // within the 60 s of clock skew
    clock.advance(Duration.ofSeconds(61)); // still trusted, but past exp and its skew
    assertThatThrownBy(() -> authenticate("good-short"))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("expired")
        .hasCauseInstanceOf(JwtValidationException.class);
    assertThat(delegate.decoded).containsExactly("good-short");
  }

  @Test
  void anEntryIsTrustedForAWhileOnlyThenVerifiedAgain() {
    authenticate("good-1");
    clock.advance(CachingJwtAuthenticationProvider.TRUST);
    authenticate("good-1");
    assertThat(delegate.decoded).containsExactly("good-1", "good-1");
  }

  @Test
  void refusedTokensAreNotCached() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> authenticate("forged"))
          .isInstanceOf(InvalidBearerTokenException.class);
    }
    assertThat(delegate.decoded).containsExactly("forged", "forged");
  }

  @Test
  void theCacheIsBounded() {
    for (int i = 0; i <= CachingJwtAuthenticationProvider.MAX_ENTRIES; i++) {
      authenticate("good-" + i);
    }
    delegate.decoded.clear();
    authenticate("good-0");
    assertThat(delegate.decoded).containsExactly("good-0");
  }
}
