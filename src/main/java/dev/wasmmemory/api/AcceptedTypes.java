package dev.wasmmemory.api;

import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * A request's {@code Accept} as the API reads it, for Spring's negotiation and for its own: the
 * media ranges that name {@code application/problem+json} are left out, since every error is one
 * whatever the client accepts. Generated clients send {@code Accept: application/problem+json}
 * where an operation documents no other body, and the success must not become a 406 for it: with
 * nothing else named, the client has no preference (RFC 9110 §12.5.1 lets the server disregard the
 * header).
 */
final class AcceptedTypes implements ContentNegotiationStrategy {
  private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

  @Override
  public List<MediaType> resolveMediaTypes(NativeWebRequest request)
      throws HttpMediaTypeNotAcceptableException {
    List<MediaType> accepted = withoutProblems(header.resolveMediaTypes(request));
    return accepted.isEmpty() ? MEDIA_TYPE_ALL_LIST : accepted;
  }

  /**
   * The media ranges of an {@code Accept} header in its order, problem details left out; empty when
   * there is no header or it names only problems (no preference).
   *
   * @throws InvalidMediaTypeException when the header is malformed
   */
  static List<MediaType> parse(String accept) {
    if (accept == null || accept.isBlank()) {
      return List.of();
    }
    return withoutProblems(MediaType.parseMediaTypes(accept));
  }

  private static List<MediaType> withoutProblems(List<MediaType> types) {
    return types.stream()
        .filter(type -> !type.equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
        .toList();
  }
}
