package dev.wasmmemory.api;

import java.util.Base64;

/** Standard base64 (RFC 4648 §4) as the API's JSON bodies carry bytes: padded, no line breaks. */
final class Base64Text {
  /** What the OpenAPI document says: whole groups of four, the last padded with {@code =}. */
  static final String PATTERN = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$";

  private Base64Text() {}

  /**
   * The bytes of {@code data}, or a 400 naming {@code data}. Java's decoder also takes text without
   * its padding; the API does not, so that the document's pattern is exactly what passes (checked
   * by length, not by the pattern, which would recurse once per group).
   */
  static byte[] decode(String data) {
    try {
      if (data.length() % 4 != 0) {
        throw new IllegalArgumentException("its length is not a multiple of 4 (padding missing?)");
      }
      return Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("'data' is not standard base64: " + e.getMessage(), "data");
    }
  }
}
