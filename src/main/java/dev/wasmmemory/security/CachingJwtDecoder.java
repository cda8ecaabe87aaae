package dev.wasmmemory.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers the tokens it has verified. A client sends the same bearer
 * token with every request until it expires, and verifying it again each time (parsing, a MAC or a
 * signature, the claims) was the largest cost of a small read in {@code jwt} mode. The signature
 * and the issuer of a given token string cannot change, so a hit only checks again what can: the
 * time ({@code exp}, {@code nbf}, with the same clock skew as Spring Security's default validator).
 *
 * <p>An entry is trusted for at most {@link #TRUST}, then verified again (so a key removed from a
 * JWK set stops being accepted within that time); the cache holds at most {@link #MAX_ENTRIES}
 * tokens and is emptied when full (many distinct tokens: they are verified as without a cache).
 * Refused tokens are not cached.
 */
final class CachingJwtDecoder implements JwtDecoder {
  static final Duration TRUST = Duration.ofMinutes(5);
  static final int MAX_ENTRIES = 10_000;

  private record Verified(Jwt jwt, Instant until) {}

  private final JwtDecoder delegate;
  private final Clock clock;
  private final OAuth2TokenValidator<Jwt> time;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  CachingJwtDecoder(JwtDecoder delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setClock(clock);
    this.time = timestamps;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Instant now = clock.instant();
    Verified hit = verified.get(token);
    if (hit != null && now.isBefore(hit.until())) {
      var result = time.validate(hit.jwt());
      if (!result.hasErrors()) {
        return hit.jwt();
      }
      verified.remove(token);
      throw new JwtValidationException(
          result.getErrors().iterator().next().getDescription(), result.getErrors());
    }
    Jwt jwt = delegate.decode(token);
    if (verified.size() >= MAX_ENTRIES) {
      verified.clear();
    }
    verified.put(token, new Verified(jwt, now.plus(TRUST)));
    return jwt;
  }
}
