package dev.wasmmemory.testing;

import dev.wasmmemory.store.redis.RedisTestServers;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tests that run the service with {@code memory.store=redis} and name no Redis get the test JVM's
 * own local Redis Cluster ({@link RedisTestServers#cluster()}, started on first use): so a whole
 * HTTP suite runs on Redis with nothing but {@code -Dmemory.store=redis}.
 */
public final class TestRedisCluster implements EnvironmentPostProcessor {
  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!"redis".equalsIgnoreCase(environment.getProperty("memory.store"))
        || environment.containsProperty("spring.data.redis.cluster.nodes")
        || RedisTestServers.missing().isPresent()) {
      return;
    }
    String nodes =
        RedisTestServers.cluster().nodes().stream()
            .map(node -> "127.0.0.1:" + node.port())
            .collect(Collectors.joining(","));
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "test Redis cluster", Map.of("spring.data.redis.cluster.nodes", nodes)));
  }
}
