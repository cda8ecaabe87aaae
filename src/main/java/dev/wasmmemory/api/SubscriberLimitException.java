package dev.wasmmemory.api;

import dev.wasmmemory.api.problem.ApiException;
import dev.wasmmemory.api.problem.ProblemType;
import org.springframework.http.HttpHeaders;

/** 503: the service streams events to as many subscribers as it may; retry after a while. */
final class SubscriberLimitException extends ApiException {
  SubscriberLimitException(String detail, int limit) {
    super(ProblemType.TOO_MANY_SUBSCRIBERS, detail);
    with("maxSubscribers", limit);
    getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
  }
}
