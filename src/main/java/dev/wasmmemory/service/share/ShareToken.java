package dev.wasmmemory.service.share;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The text of a share link's token: {@code wms1.<payload>.<signature>}, the payload (share id,
 * memory id, expiry in epoch seconds) and its HMAC-SHA256 under the store's key, both base64url.
 * Not a JWT, so that it is told from an identity provider's tokens by its prefix; the signature
 * rejects a forged or altered token before the store is asked whether the link still exists.
 */
final class ShareToken {
  static final String PREFIX = "wms1.";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int PAYLOAD = 16 + 16 + 8;

  /** What a valid token names. */
  record Claims(String shareId, String memoryId, Instant expiresAt) {}

  private final SecretKeySpec key;

  ShareToken(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  static boolean looksLikeOne(String token) {
    return token.startsWith(PREFIX);
  }

  String sign(Claims claims) {
    ByteBuffer payload = ByteBuffer.allocate(PAYLOAD);
    put(payload, claims.shareId());
    put(payload, claims.memoryId());
    payload.putLong(claims.expiresAt().getEpochSecond());
    String body = PREFIX + ENCODER.encodeToString(payload.array());
    return body + "." + ENCODER.encodeToString(mac(body));
  }

  /** The claims of a token signed with this key, or empty for anything else. */
  Optional<Claims> verify(String token) {
    int dot = token.lastIndexOf('.');
    if (!looksLikeOne(token) || dot <= PREFIX.length()) {
      return Optional.empty();
    }
    String body = token.substring(0, dot);
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(body.substring(PREFIX.length()));
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (payload.length != PAYLOAD || !MessageDigest.isEqual(signature, mac(body))) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(payload);
    return Optional.of(new Claims(uuid(in), uuid(in), Instant.ofEpochSecond(in.getLong())));
  }

  private byte[] mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static void put(ByteBuffer buffer, String uuid) {
    UUID id = UUID.fromString(uuid);
    buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
  }

  private static String uuid(ByteBuffer buffer) {
    return new UUID(buffer.getLong(), buffer.getLong()).toString();
  }
}
