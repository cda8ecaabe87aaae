package dev.wasmmemory.config;

import dev.wasmmemory.store.StoreUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A store that cannot be opened (a data directory in use, corrupt, or of another format) ends
 * start-up with Spring Boot's "APPLICATION FAILED TO START" report: what is wrong and what to do,
 * without a stack dump.
 */
class StoreUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<StoreUnavailableException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StoreUnavailableException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), null);
  }
}
