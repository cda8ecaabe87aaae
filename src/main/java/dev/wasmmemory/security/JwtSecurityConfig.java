package dev.wasmmemory.security;

import dev.wasmmemory.service.Callers;
import dev.wasmmemory.service.share.ShareLinks;
import dev.wasmmemory.store.Rate;
import dev.wasmmemory.store.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code memory.security=jwt}: an OAuth2 resource server. Tokens are JWTs validated by the decoder
 * Spring Boot builds from {@code spring.security.oauth2.resourceserver.jwt.*} (issuer URI, JWK set
 * URI), or by an HMAC secret ({@code memory.security.jwt.secret}, at least 32 bytes), and share
 * links' tokens. Stateless: no session, no CSRF (no cookies are read), no cache headers of Spring
 * Security's (the API's entity tags say what may be cached).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SecurityMode.PROPERTY, havingValue = "jwt")
class JwtSecurityConfig {

  @Bean
  Callers securityCallers() {
    return new SecurityCallers();
  }

  /**
   * No observations of Spring Security's own (one per filter of the chain, per authentication and
   * per authorization): they took about a third of a small read's time in {@code jwt} mode. The
   * request's {@code http.server.requests} observation, and with it the metrics per URI template,
   * stays.
   */
  @Bean
  SecurityObservationSettings noSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  @ConditionalOnProperty("memory.security.jwt.secret")
  JwtDecoder hmacJwtDecoder(@Value("${memory.security.jwt.secret}") String secret) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < 32) {
      throw new IllegalStateException(
          "memory.security.jwt.secret must be at least 32 bytes (HS256), not " + key.length);
    }
    return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
        .macAlgorithm(MacAlgorithm.HS256)
        .build();
  }

  /**
   * Spring Security's firewall answers a method it does not know with 400; the API answers any
   * method it does not have with 405, in both modes. The method still needs a token and {@code
   * memory:write} (it is no read) before it gets its 405.
   */
  @Bean
  WebSecurityCustomizer anyMethodGetsTheApisAnswer() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setUnsafeAllowAnyHttpMethod(true);
    return web -> web.httpFirewall(firewall);
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ObjectProvider<JwtDecoder> decoders,
      ShareLinks shares,
      JsonMapper json,
      ObjectProvider<RateLimiter> limiters,
      @Value("${memory.rate-limit:}") String rateLimit)
      throws Exception {
    JwtDecoder configured = decoders.getIfAvailable();
    if (configured == null) {
      throw new IllegalStateException(
          "memory.security=jwt needs spring.security.oauth2.resourceserver.jwt.issuer-uri,"
              + " jwk-set-uri or memory.security.jwt.secret");
    }
    ProblemWriter writer = new ProblemWriter(json);
    SecurityProblems problems = new SecurityProblems(writer);
    JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(configured);
    jwt.setJwtAuthenticationConverter(ownerTokens());
    ProviderManager authentication =
        new ProviderManager(
            new ShareTokenProvider(shares),
            new CachingJwtAuthenticationProvider(jwt, Clock.systemUTC()));
    http.csrf(csrf -> csrf.disable())
        .cors(Customizer.withDefaults())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .logout(logout -> logout.disable())
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        // No controller asks the servlet request for its principal (they ask Callers), so the
        // request need not be wrapped for getUserPrincipal and isUserInRole.
        .servletApi(api -> api.disable())
        .headers(headers -> headers.cacheControl(cache -> cache.disable()))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(ApiPaths.PUBLIC)
                    .permitAll()
                    .anyRequest()
                    .access(new ScopeRules()))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .oauth2ResourceServer(
            server ->
                server
                    .bearerTokenResolver(new ShareTokenResolver())
                    .authenticationManagerResolver(request -> authentication)
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
    RateLimiter limiter = limiters.getIfAvailable();
    if (limiter != null) {
      http.addFilterAfter(
          RateLimitFilter.byCaller(limiter, Rate.parse(rateLimit), writer),
          AuthorizationFilter.class);
    }
    return http.build();
  }

  /**
   * Scopes from {@code scope}/{@code scp} as {@code SCOPE_…}; a token without {@code sub} owns
   * nothing.
   */
  private static Converter<Jwt, AbstractAuthenticationToken> ownerTokens() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    return token -> {
      String subject = token.getSubject();
      if (subject == null || subject.isBlank()) {
        throw new InvalidBearerTokenException("the token has no sub: it can own nothing");
      }
      return converter.convert(token);
    };
  }
}
