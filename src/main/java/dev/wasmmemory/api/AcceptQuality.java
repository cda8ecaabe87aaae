package dev.wasmmemory.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The quality a client's {@code Accept} gives a media type (RFC 9110 §12.5.1): that of the most
 * specific media range including it, 0 when none does. As an interceptor it refuses (406) what
 * Spring's own negotiation lets through: a response type the client accepts only with {@code q=0}.
 */
final class AcceptQuality implements HandlerInterceptor {

  static double of(List<MediaType> accepted, MediaType type) {
    MediaType match = mostSpecificMatch(accepted, type);
    return match == null ? 0 : match.getQualityValue();
  }

  /** The most specific media range of {@code accepted} that includes {@code type}, or null. */
  static MediaType mostSpecificMatch(List<MediaType> accepted, MediaType type) {
    MediaType match = null;
    for (MediaType range : accepted) {
      if (range.includes(type) && (match == null || specificity(range) > specificity(match))) {
        match = range;
      }
    }
    return match;
  }

  /** 2 for type/subtype, 1 for type/*, 0 for the wildcard. */
  static int specificity(MediaType range) {
    return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws HttpMediaTypeNotAcceptableException {
    Object producible = request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE);
    if (!(producible instanceof Set<?> types) || types.isEmpty()) {
      return true;
    }
    List<MediaType> accepted;
    try {
      accepted = AcceptedTypes.parse(request.getHeader(HttpHeaders.ACCEPT));
    } catch (InvalidMediaTypeException e) {
      return true; // Spring's negotiation answers 406 for it
    }
    if (accepted.isEmpty()) {
      return true;
    }
    List<MediaType> offered = new ArrayList<>();
    for (Object type : types) {
      if (type instanceof MediaType mediaType) {
        if (of(accepted, mediaType) > 0) {
          return true;
        }
        offered.add(mediaType);
      }
    }
    throw new HttpMediaTypeNotAcceptableException(offered);
  }
}
