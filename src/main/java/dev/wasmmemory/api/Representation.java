package dev.wasmmemory.api;

import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;
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
   * The representation the client prefers (by quality, then specificity); raw bytes when it accepts
   * anything. Throws when it accepts none of them (406).
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
    MimeTypeUtils.sortBySpecificity(accepted);
    for (MediaType wanted : accepted) {
      if (wanted.getQualityValue() == 0) {
        continue;
      }
      for (Representation representation : values()) {
        if (wanted.isCompatibleWith(representation.mediaType)) {
          return representation;
        }
      }
    }
    throw new HttpMediaTypeNotAcceptableException(SUPPORTED);
  }
}
