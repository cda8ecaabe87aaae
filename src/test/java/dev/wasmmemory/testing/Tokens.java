package dev.wasmmemory.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Real HS256 JWTs, signed with Nimbus (what the resource server validates with), for the services
 * the tests start with {@code memory.security=jwt} and {@code memory.security.jwt.secret=}{@link
 * #SECRET}.
 */
public final class Tokens {
  public static final String SECRET = "the-tests-hmac-secret-of-32-bytes-or-more";
  public static final String OTHER_SECRET = "another-hmac-secret-of-32-bytes-or-more!!";
  public static final String READ_WRITE = "memory:read memory:write";
  public static final String READ = "memory:read";

  private Tokens() {}

  /** A token of {@code subject} with both scopes, good for an hour. */
  public static String of(String subject) {
    return of(subject, READ_WRITE);
  }

  public static String of(String subject, String scope) {
    return sign(SECRET, subject, scope, Instant.now().plus(Duration.ofHours(1)));
  }

  /** Signed right, but expired a minute ago (past the decoder's clock skew of 60 s). */
  public static String expired(String subject) {
    return sign(SECRET, subject, READ_WRITE, Instant.now().minus(Duration.ofMinutes(5)));
  }

  /** Well-formed and unexpired, signed with another key. */
  public static String badSignature(String subject) {
    return sign(OTHER_SECRET, subject, READ_WRITE, Instant.now().plus(Duration.ofHours(1)));
  }

  public static String sign(String secret, String subject, String scope, Instant expires) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))
            .expirationTime(Date.from(expires));
    if (subject != null) {
      claims.subject(subject);
    }
    if (scope != null) {
      claims.claim("scope", scope);
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }
}
