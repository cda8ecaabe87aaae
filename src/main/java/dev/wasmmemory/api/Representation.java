package dev.wasmmemory.api;

import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;

/** The representations of a memory's bytes, chosen by the request's {@code Accept}. */
enum Representation {
  RAW(MediaType.APPLICATION_OCTET_STREAM),
  JSON(MediaType.APPLICATION_JSON),
  HEX(MediaType.TEXT_PLAIN);

  static final List<MediaType> SUPPORTED =
      List.of(MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN);

  private final MediaType mediaType;

  Representation(MediaType mediaType) {
    this.mediaType = mediaType;
  }

  /**
   * The representation the client prefers (RFC 9110 §12.5.1): each one takes the quality of the
   * most specific media range that matches it; the highest quality wins, then the most specific
   * match, then raw bytes before JSON before hex. Throws when every quality is 0 (406).
   */
  static Representation negotiate(String accept) throws HttpMediaTypeNotAcceptableException {
    if (accept == null || accept.isBlank()) {
      return RAW;
    }
    List<MediaType> accepted;
    try {
      accepted = MediaType.parseMediaTypes(accept);
    } catch (InvalidMediaTypeException e) {
      throw new HttpMediaTypeNotAcceptableException("malformed Accept header: " + accept);
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
