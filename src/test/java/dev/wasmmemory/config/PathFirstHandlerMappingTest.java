package dev.wasmmemory.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * {@link PathFirstHandlerMapping}'s shapes never turn away a path that the pattern matches: for
 * every pattern of the application, paths made from it (variables filled, literals changed or
 * percent-encoded, segments added or taken away, a trailing separator) are admitted by its shape
 * whenever the pattern matches them, and the shape does turn away what it should.
 */
@SpringBootTest
class PathFirstHandlerMappingTest {
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  @Test
  void theApplicationsMappingTestsShapesAndEveryShapeAdmitsWhatItsPatternMatches() {
    assertThat(mapping).isInstanceOf(PathFirstHandlerMapping.class);
    List<PathPattern> patterns = new ArrayList<>();
    for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
      patterns.addAll(info.getPathPatternsCondition().getPatterns());
    }
    int shaped = 0;
    int checked = 0;
    for (PathPattern pattern : patterns) {
      PathFirstHandlerMapping.Shape shape = PathFirstHandlerMapping.Shape.of(pattern);
      if (shape == null) {
        continue;
      }
      shaped++;
      for (String path : variants(pattern.getPatternString())) {
        PathContainer container = PathContainer.parsePath(path);
        if (pattern.matches(container)) {
          checked++;
          assertThat(shape.admits(container.elements()))
              .as("%s admits %s, which its pattern matches", pattern, path)
              .isTrue();
        }
      }
    }
    assertThat(shaped).as("plain patterns").isGreaterThan(20);
    assertThat(checked).as("matching variants checked").isGreaterThan(2 * shaped);
  }

  @Test
  void aShapeTurnsAwayOtherLiteralsAndOtherLengths() {
    PathFirstHandlerMapping.Shape shape =
        PathFirstHandlerMapping.Shape.of(
            new org.springframework.web.util.pattern.PathPatternParser()
                .parse("/memories/{id}/values/{type}"));

    assertThat(admits(shape, "/memories/m1/values/i32")).isTrue();
    assertThat(admits(shape, "/memories/m1/value%73/i32")).isTrue(); // decoded: values
    assertThat(admits(shape, "/memories/m1/bytes/i32")).isFalse();
    assertThat(admits(shape, "/memories/m1/values")).isFalse();
    assertThat(admits(shape, "/memories/m1/values/i32/x")).isFalse();
    assertThat(admits(shape, "/memories/m1/values/i32/")).isFalse();
    assertThat(
            PathFirstHandlerMapping.Shape.of(
                new org.springframework.web.util.pattern.PathPatternParser().parse("/docs/**")))
        .as("not plain: left to the pattern")
        .isNull();
  }

  private static boolean admits(PathFirstHandlerMapping.Shape shape, String path) {
    return shape.admits(PathContainer.parsePath(path).elements());
  }

  /** Paths near a pattern: filled in, each literal changed or encoded, longer, shorter. */
  private static List<String> variants(String pattern) {
    String[] segments = pattern.substring(1).split("/");
    String[] filled = segments.clone();
    for (int i = 0; i < filled.length; i++) {
      if (filled[i].startsWith("{")) {
        filled[i] = "v" + i;
      }
    }
    List<String> paths = new ArrayList<>();
    String path = "/" + String.join("/", filled);
    paths.add(path);
    paths.add(path + "/");
    paths.add(path + "/extra");
    paths.add(path.substring(0, path.lastIndexOf('/')));
    paths.add(path.replace("/", "//"));
    for (int i = 0; i < filled.length; i++) {
      String[] changed = filled.clone();
      if (!segments[i].startsWith("{") && !changed[i].isEmpty()) {
        changed[i] = "%" + Integer.toHexString(changed[i].charAt(0)) + changed[i].substring(1);
        paths.add("/" + String.join("/", changed));
        changed[i] = changed[i].toUpperCase() + "x";
        paths.add("/" + String.join("/", changed));
      }
    }
    return paths;
  }
}
