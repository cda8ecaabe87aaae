package dev.wasmmemory.config;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for browsers on other origins (web playgrounds): {@code memory.cors-allowed-origins}, every
 * origin by default, on the API's paths (memories, modules, instances). The headers a client needs
 * for conditional and partial requests, for bearer challenges and for rate limits are exposed; any
 * request header (Authorization too) is allowed.
 *
 * <p>One configuration, two users: Spring MVC applies it to handled requests, and in jwt mode
 * Spring Security answers preflights from it (the bean {@code corsConfigurationSource}) before
 * authentication. Without that bean Spring Security would look the configuration up through MVC's
 * handler mappings on every request, which cost about 9% of a small read.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {
  static final List<String> API_PATHS = List.of("/memories/**", "/modules/**", "/instances/**");

  private final MemoryProperties properties;

  WebConfig(MemoryProperties properties) {
    this.properties = properties;
  }

  @Bean
  UrlBasedCorsConfigurationSource corsConfigurationSource() {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    CorsConfiguration api = api();
    API_PATHS.forEach(path -> source.registerCorsConfiguration(path, api));
    return source;
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    CorsConfiguration api = api();
    for (String path : API_PATHS) {
      registry
          .addMapping(path)
          .allowedOriginPatterns(api.getAllowedOriginPatterns().toArray(String[]::new))
          .allowedMethods(api.getAllowedMethods().toArray(String[]::new))
          .allowedHeaders(api.getAllowedHeaders().toArray(String[]::new))
          .exposedHeaders(api.getExposedHeaders().toArray(String[]::new))
          .maxAge(api.getMaxAge());
    }
  }

  private CorsConfiguration api() {
    CorsConfiguration api = new CorsConfiguration();
    api.setAllowedOriginPatterns(properties.corsAllowedOrigins());
    api.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
    api.setAllowedHeaders(List.of(CorsConfiguration.ALL));
    api.setExposedHeaders(
        List.of(
            HttpHeaders.ETAG,
            HttpHeaders.LOCATION,
            HttpHeaders.CONTENT_RANGE,
            HttpHeaders.ACCEPT_RANGES,
            HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.WWW_AUTHENTICATE,
            HttpHeaders.RETRY_AFTER));
    api.setMaxAge(Duration.ofHours(1));
    return api;
  }
}
