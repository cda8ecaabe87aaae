package dev.wasmmemory.security;

import dev.wasmmemory.api.problem.ProblemDetails;
import dev.wasmmemory.api.problem.ProblemType;
import dev.wasmmemory.store.Rate;
import dev.wasmmemory.store.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code memory.rate-limit}: each caller's API requests at most at the configured rate, the rest
 * refused with 429 and {@code Retry-After} before anything runs (so a refused request changes
 * nothing). The caller is the token's owner or share link in jwt mode, the client's address in open
 * mode; each has a bucket of its own, so one caller's burst does not slow another's.
 */
final class RateLimitFilter extends OncePerRequestFilter {
  private final RateLimiter limiter;
  private final Rate rate;
  private final Function<HttpServletRequest, String> keys;
  private final ProblemWriter problems;

  private RateLimitFilter(
      RateLimiter limiter,
      Rate rate,
      Function<HttpServletRequest, String> keys,
      ProblemWriter problems) {
    this.limiter = limiter;
    this.rate = rate;
    this.keys = keys;
    this.problems = problems;
  }

  /** Open mode: by the client's address (the proxy's, behind one that does not forward it). */
  static RateLimitFilter byAddress(RateLimiter limiter, Rate rate, ProblemWriter problems) {
    return new RateLimitFilter(
        limiter, rate, request -> "address:" + request.getRemoteAddr(), problems);
  }

  /** Jwt mode: by the authenticated caller, after authorization. */
  static RateLimitFilter byCaller(RateLimiter limiter, Rate rate, ProblemWriter problems) {
    return new RateLimitFilter(
        limiter,
        rate,
        request -> SecurityCallers.rateKey(SecurityContextHolder.getContext().getAuthentication()),
        problems);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = ApiPaths.isApi(request) ? keys.apply(request) : null;
    long wait = key == null ? 0 : limiter.tryTake(key);
    if (wait == 0) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    String detail =
        "more than "
            + rate.requests()
            + " requests in "
            + rate.period()
            + "; retry in "
            + seconds
            + " s";
    problems.write(
        request,
        response,
        ProblemDetails.of(ProblemType.RATE_LIMITED, detail)
            .with("limit", rate.requests())
            .with("periodSeconds", rate.period().toMillis() / 1000.0)
            .with("retryAfterSeconds", seconds));
  }
}
