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
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class CachingJwtDecoderTest {
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
          .issuedAt(START)
          .expiresAt(
              START.plus(token.equals("good-short") ? Duration.ofMinutes(2) : Duration.ofHours(1)))
          .build();
    }
  }

  private final TestClock clock = new TestClock();
  private final CountingDecoder delegate = new CountingDecoder();
  private final CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, clock);

  @Test
  void aTokenIsVerifiedOnceAndThenAnsweredFromTheCache() {
    Jwt first = decoder.decode("good-1");
    Jwt second = decoder.decode("good-1");
    assertThat(second).isSameAs(first);
    assertThat(delegate.decoded).containsExactly("good-1");
  }

  @Test
  void aCachedTokenIsRefusedOnceItExpires() {
    decoder.decode("good-short");
    clock.advance(Duration.ofMinutes(2));
    decoder.decode("good-short"); // within the 60 s of clock skew
    clock.advance(Duration.ofSeconds(61)); // still trusted, but past exp and its skew
    assertThatThrownBy(() -> decoder.decode("good-short"))
        .isInstanceOf(JwtValidationException.class);
    assertThat(delegate.decoded).containsExactly("good-short");
  }

  @Test
  void anEntryIsTrustedForAWhileOnlyThenVerifiedAgain() {
    decoder.decode("good-1");
    clock.advance(CachingJwtDecoder.TRUST);
    decoder.decode("good-1");
    assertThat(delegate.decoded).containsExactly("good-1", "good-1");
  }

  @Test
  void refusedTokensAreNotCached() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
    }
    assertThat(delegate.decoded).containsExactly("forged", "forged");
  }

  @Test
  void theCacheIsBounded() {
    for (int i = 0; i <= CachingJwtDecoder.MAX_ENTRIES; i++) {
      decoder.decode("good-" + i);
    }
    delegate.decoded.clear();
    decoder.decode("good-0");
    assertThat(delegate.decoded).containsExactly("good-0");
  }
}
