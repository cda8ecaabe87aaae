package dev.wasmmemory.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for browsers on other origins (web playgrounds): {@code memory.cors-allowed-origins}, every
 * origin by default. The headers a client needs for conditional and partial requests, for bearer
 * challenges and for rate limits are exposed; any request header (Authorization too) is allowed. In
 * jwt mode Spring Security answers preflights from this same configuration, before authentication.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {
  private final MemoryProperties properties;

  WebConfig(MemoryProperties properties) {
    this.properties = properties;
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry
        .addMapping("/memories/**")
        .allowedOriginPatterns(properties.corsAllowedOrigins().toArray(String[]::new))
        .allowedMethods("GET", "HEAD", "POST", "PUT", "DELETE")
        .allowedHeaders("*")
        .exposedHeaders(
            HttpHeaders.ETAG,
            HttpHeaders.LOCATION,
            HttpHeaders.CONTENT_RANGE,
            HttpHeaders.ACCEPT_RANGES,
            HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.WWW_AUTHENTICATE,
            HttpHeaders.RETRY_AFTER)
        .maxAge(3600);
  }
}
