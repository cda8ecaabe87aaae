package dev.wasmmemory.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Remembers the bearer JWTs it has authenticated. A client sends the same token with every request
 * until it expires, and verifying it again each time (parsing, a MAC or a signature, the claims),
 * then building its authorities again, was the largest cost of a small read in {@code jwt} mode.
 * The signature, issuer and claims of a given token string cannot change, so a hit only checks
 * again what can: the time ({@code exp}, {@code nbf}, with the same clock skew as Spring Security's
 * default validator), and answers a fresh {@link JwtAuthenticationToken} of the remembered token,
 * authorities and name (nothing mutable is shared between requests).
 *
 * <p>An entry is trusted for at most {@link #TRUST}, then verified again (so a key removed from a
 * JWK set stops being accepted within that time); the cache holds at most {@link #MAX_ENTRIES}
 * tokens and is emptied when full (many distinct tokens: they are verified as without a cache).
 * Refused tokens are not cached.
 */
final class CachingJwtAuthenticationProvider implements AuthenticationProvider {
  static final Duration TRUST = Duration.ofMinutes(5);
  static final int MAX_ENTRIES = 10_000;

  private record Verified(JwtAuthenticationToken authentication, Instant until) {}

  private final AuthenticationProvider delegate;
  private final Clock clock;
  private final OAuth2TokenValidator<Jwt> time;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  /** {@code delegate}: Spring Security's {@code JwtAuthenticationProvider}, or one like it. */
  CachingJwtAuthenticationProvider(AuthenticationProvider delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setClock(clock);
    this.time = timestamps;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    BearerTokenAuthenticationToken bearer = (BearerTokenAuthenticationToken) authentication;
    String token = bearer.getToken();
    Instant now = clock.instant();
    Verified hit = verified.get(token);
    if (hit != null && now.isBefore(hit.until())) {
      JwtAuthenticationToken known = hit.authentication();
      OAuth2TokenValidatorResult result = time.validate(known.getToken());
      if (result.hasErrors()) {
        verified.remove(token);
        String why = result.getErrors().iterator().next().getDescription();
        throw new InvalidBearerTokenException(
            why, new JwtValidationException(why, result.getErrors()));
      }
      JwtAuthenticationToken fresh =
          new JwtAuthenticationToken(known.getToken(), known.getAuthorities(), known.getName());
      fresh.setDetails(bearer.getDetails());
      return fresh;
    }
    Authentication result = delegate.authenticate(authentication);
    if (result instanceof JwtAuthenticationToken jwt) {
      if (verified.size() >= MAX_ENTRIES) {
        verified.clear();
      }
      verified.put(token, new Verified(jwt, now.plus(TRUST)));
    }
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
