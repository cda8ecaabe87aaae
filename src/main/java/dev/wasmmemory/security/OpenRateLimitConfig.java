package dev.wasmmemory.security;

import dev.wasmmemory.store.Rate;
import dev.wasmmemory.store.RateLimiter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code memory.rate-limit} in open mode: by client address, as the first servlet filter. (In jwt
 * mode the filter sits in the security chain, after authorization: see {@link JwtSecurityConfig}.)
 * Without the property there is no filter at all.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SecurityMode.PROPERTY, havingValue = "open", matchIfMissing = true)
class OpenRateLimitConfig {

  @Bean
  @ConditionalOnProperty("memory.rate-limit")
  FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
      RateLimiter limiter, JsonMapper json, @Value("${memory.rate-limit}") String rate) {
    FilterRegistrationBean<RateLimitFilter> registration =
        new FilterRegistrationBean<>(
            RateLimitFilter.byAddress(limiter, Rate.parse(rate), new ProblemWriter(json)));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
