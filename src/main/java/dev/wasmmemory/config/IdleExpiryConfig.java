package dev.wasmmemory.config;

import dev.wasmmemory.service.MemoryService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Drops memories unused for {@code memory.idle-expiry}, checking a few times per period. Off unless
 * the property is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("memory.idle-expiry")
@EnableScheduling
class IdleExpiryConfig implements SchedulingConfigurer {
  private static final Logger log = LoggerFactory.getLogger(IdleExpiryConfig.class);

  private final MemoryService service;
  private final Duration idleExpiry;

  IdleExpiryConfig(MemoryService service, MemoryProperties properties) {
    this.service = service;
    this.idleExpiry = properties.idleExpiry();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    Duration period = idleExpiry.dividedBy(4);
    tasks.addFixedDelayTask(this::expire, period.isZero() ? Duration.ofMillis(1) : period);
  }

  private void expire() {
    int expired = service.expireIdle(idleExpiry);
    if (expired > 0) {
      log.info("dropped {} memories idle for {}", expired, idleExpiry);
    }
  }
}
