package dev.wasmmemory.config;

import dev.wasmmemory.store.Durability;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.redis.RedisMemoryStore;
import dev.wasmmemory.store.redis.RedisStoreSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@code memory.store=redis}: memories in Redis through Spring Data Redis's Lettuce client, which
 * Spring Boot configures from {@code spring.data.redis.*}. With the other stores that client is
 * never connected (and Boot's Redis health check is off in {@code application.yaml}). The store is
 * closed with the application context; the client stays Spring's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "memory.store", havingValue = "redis")
@EnableConfigurationProperties(RedisStoreProperties.class)
class RedisStoreConfig {

  @Bean(destroyMethod = "close")
  MemoryStore redisMemoryStore(
      LettuceConnectionFactory connections,
      MemoryProperties memory,
      RedisStoreProperties redis,
      @Value("${memory.durability:process}") Durability durability) {
    connections.start();
    RedisStoreSettings settings =
        new RedisStoreSettings(
            memory.budgetBytes(),
            durability,
            redis.checkDurability(),
            redis.leaseTtl(),
            redis.leaseWait(),
            redis.viewTtl(),
            redis.viewLifetime(),
            redis.stagingTtl(),
            redis.reconcileInterval());
    return RedisMemoryStore.open(
        connections.getRequiredNativeClient(), settings, memory.quota().toQuota());
  }
}
