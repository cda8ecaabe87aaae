package dev.wasmmemory.config;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping of requests to controller methods, testing each mapping's path before its
 * other conditions, and the path's literal segments before its pattern.
 *
 * <p>A path with a variable in it (every memory's) has no direct lookup, so Spring tests every
 * mapping of the application in turn, condition by condition in a fixed order: methods, params,
 * headers, consumes, produces (the request's {@code Accept} against each GET mapping's types), and
 * the path last. The path rules out all but a few mappings, so it goes first here, and before a
 * pattern is matched (a walk that allocates a matching context per pattern) the request's segments
 * are compared with the pattern's {@link Shape}: its number of segments and its literal ones. A
 * mapping matches when all of its conditions do, in any order, and a plain pattern can only match a
 * path of its shape, so the same mapping is chosen, and what a near miss answers (405, 406, 415) is
 * worked out by Spring as before. The handler lookup was a fifth of a small read's CPU time (issue
 * 10's profile in {@code bench/README.md}).
 */
final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {
  /** The shape of each mapping whose every pattern is plain; the others have none. */
  private final Map<RequestMappingInfo, Shape[]> shapes = new ConcurrentHashMap<>();

  /** The path of the request being looked up on this thread, while it is; else null. */
  private final ThreadLocal<List<PathContainer.Element>> lookingUp = new ThreadLocal<>();

  @Override
  protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
    super.registerHandlerMethod(handler, method, mapping);
    PathPatternsRequestCondition paths = mapping.getPathPatternsCondition();
    if (paths != null) {
      Shape[] plain = paths.getPatterns().stream().map(Shape::of).toArray(Shape[]::new);
      if (Arrays.stream(plain).allMatch(Objects::nonNull)) {
        shapes.put(mapping, plain);
      }
    }
  }

  @Override
  protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
      throws Exception {
    if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
      return super.lookupHandlerMethod(lookupPath, request);
    }
    lookingUp.set(
        ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().elements());
    try {
      return super.lookupHandlerMethod(lookupPath, request);
    } finally {
      lookingUp.remove();
    }
  }

  @Override
  protected RequestMappingInfo getMatchingMapping(
      RequestMappingInfo info, HttpServletRequest request) {
    List<PathContainer.Element> path = lookingUp.get();
    Shape[] plain = path == null ? null : shapes.get(info);
    if (plain != null && !admits(plain, path)) {
      return null;
    }
    PathPatternsRequestCondition paths = info.getPathPatternsCondition();
    if (paths != null && paths.getMatchingCondition(request) == null) {
      return null;
    }
    return super.getMatchingMapping(info, request);
  }

  private static boolean admits(Shape[] shapes, List<PathContainer.Element> path) {
    for (Shape shape : shapes) {
      if (shape.admits(path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A plain pattern: {@code /}-separated segments, each a literal or one variable ({@code {id}}),
   * no wildcards, no trailing separator. It matches only paths of as many segments, with its
   * literals where it has them (decoded, case-sensitive: Spring's defaults).
   *
   * @param literals each segment's literal text, or null where the pattern has a variable
   */
  record Shape(String[] literals) {
    /** The pattern's shape, or null when it is not plain (then only the pattern can tell). */
    static Shape of(PathPattern pattern) {
      String text = pattern.getPatternString();
      if (!text.startsWith("/") || text.endsWith("/") || text.contains("//")) {
        return null;
      }
      String[] segments = text.substring(1).split("/");
      String[] literals = new String[segments.length];
      for (int i = 0; i < segments.length; i++) {
        String segment = segments[i];
        boolean variable =
            segment.startsWith("{")
                && segment.endsWith("}")
                && segment.indexOf('}') == segment.length() - 1;
        if (variable && !segment.startsWith("{*")) {
          literals[i] = null;
        } else if (segment
            .chars()
            .allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
          literals[i] = segment;
        } else {
          return null;
        }
      }
      return new Shape(literals);
    }

    /** Whether a path of these elements (separator, segment, separator, …) may match. */
    boolean admits(List<PathContainer.Element> path) {
      if (path.size() != 2 * literals.length) {
        return false;
      }
      for (int i = 0; i < literals.length; i++) {
        String literal = literals[i];
        if (literal != null
            && !(path.get(2 * i + 1) instanceof PathContainer.PathSegment segment
                && literal.equals(segment.valueToMatch()))) {
          return false;
        }
      }
      return true;
    }
  }
}
