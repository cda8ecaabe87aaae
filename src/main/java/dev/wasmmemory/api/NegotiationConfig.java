package dev.wasmmemory.api;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Content negotiation as the API reads {@code Accept} ({@link AcceptedTypes}), and the refusal of a
 * response type the client accepts only with {@code q=0} ({@link AcceptQuality}).
 */
@Configuration(proxyBeanMethods = false)
class NegotiationConfig implements WebMvcConfigurer {

  @Override
  public void configureContentNegotiation(ContentNegotiationConfigurer negotiation) {
    negotiation.strategies(List.of(new AcceptedTypes()));
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new AcceptQuality());
  }
}
