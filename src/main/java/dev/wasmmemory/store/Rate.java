package dev.wasmmemory.store;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate limit, {@code memory.rate-limit}: {@code requests} per {@code period}, with bursts of up
 * to {@code requests} (a token bucket of that capacity refilled evenly over the period).
 */
public record Rate(long requests, Duration period) {
  private static final Pattern FORM =
      Pattern.compile("(\\d{1,9})\\s*/\\s*(\\d{0,9})\\s*(ms|s|m|h)");

  public Rate {
    if (requests < 1 || period.toMillis() < 1) {
      throw new IllegalArgumentException("a rate needs at least 1 request per millisecond or more");
    }
  }

  /** {@code 20/s}, {@code 100/m}, {@code 5/10s}, {@code 1000/h}, {@code 3/500ms}. */
  public static Rate parse(String text) {
    Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "memory.rate-limit must look like 20/s, 100/m, 5/10s or 1000/h, not '" + text + "'");
    }
    long count = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
    Duration unit =
        switch (m.group(3)) {
          case "ms" -> Duration.ofMillis(1);
          case "s" -> Duration.ofSeconds(1);
          case "m" -> Duration.ofMinutes(1);
          default -> Duration.ofHours(1);
        };
    return new Rate(Long.parseLong(m.group(1)), unit.multipliedBy(count));
  }

  @Override
  public String toString() {
    return requests + "/" + period;
  }
}
