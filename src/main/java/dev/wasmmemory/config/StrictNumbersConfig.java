package dev.wasmmemory.config;

import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Whole-number query parameters are plain decimal digits. Spring's default conversion also takes
 * {@code 0x10}, {@code #10} and {@code +1}; a client that sends those has a bug we should report
 * (400), not guess at.
 */
@Configuration(proxyBeanMethods = false)
class StrictNumbersConfig implements WebMvcConfigurer {
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

  @Override
  public void addFormatters(FormatterRegistry registry) {
    registry.addConverter(String.class, Long.class, StrictNumbersConfig::parseLong);
    registry.addConverter(String.class, Integer.class, StrictNumbersConfig::parseInt);
  }

  private static Long parseLong(String text) {
    return text.isEmpty() ? null : Long.valueOf(requireDecimal(text));
  }

  private static Integer parseInt(String text) {
    return text.isEmpty() ? null : Integer.valueOf(requireDecimal(text));
  }

  private static String requireDecimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new NumberFormatException("not a decimal whole number: " + text);
    }
    return text;
  }
}
