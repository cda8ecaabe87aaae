package dev.wasmmemory.api;

import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;

/**
 * The representations of a memory's bytes, chosen by the request's {@code Accept}. Each has its own
 * strong entity tag (RFC 9110 §8.8.3): the same version gives other bytes in each, and a cache must
 * not answer one with another.
 */
enum Representation {
  RAW(MediaType.APPLICATION_OCTET_STREAM, ""),
  JSON(MediaType.APPLICATION_JSON, "-json"),
  HEX(MediaType.TEXT_PLAIN, "-hex");

  static final List<MediaType> SUPPORTED =
      List.of(MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN);

  private final MediaType mediaType;
  private final String tagSuffix;

  Representation(MediaType mediaType, String tagSuffix) {
    this.mediaType = mediaType;
    this.tagSuffix = tagSuffix;
  }

  /** The entity tag of this representation of the bytes at {@code version}. */
  String tag(long version) {
    return "\"" + version + tagSuffix + "\"";
  }

  /**
   * The representation the client prefers (RFC 9110 §12.5.1): each one takes the quality of the
   * most specific media range that matches it; the highest quality wins, then the most specific
   * match, then raw bytes before JSON before hex. Throws when every quality is 0 (406).
   */
  static Representation negotiate(String accept) throws HttpMediaTypeNotAcceptableException {
    List<MediaType> accepted;
    try {
      accepted = AcceptedTypes.parse(accept);
    } catch (InvalidMediaTypeException e) {
      throw new HttpMediaTypeNotAcceptableException("malformed Accept header: " + accept);
    }
    if (accepted.isEmpty()) {
      return RAW;
    }
    Representation best = null;
    double bestQuality = 0;
    int bestSpecificity = -1;
    for (Representation representation : values()) {
      MediaType match = AcceptQuality.mostSpecificMatch(accepted, representation.mediaType);
      if (match == null) {
        continue;
      }
      double quality = match.getQualityValue();
      int specificity = AcceptQuality.specificity(match);
      if (quality > bestQuality
          || (quality > 0 && quality == bestQuality && specificity > bestSpecificity)) {
        best = representation;
        bestQuality = quality;
        bestSpecificity = specificity;
      }
    }
    if (best == null) {
      throw new HttpMediaTypeNotAcceptableException(SUPPORTED);
    }
    return best;
  }
}
