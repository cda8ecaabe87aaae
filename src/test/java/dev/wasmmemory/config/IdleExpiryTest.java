package dev.wasmmemory.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.service.MemoryNotFoundException;
import dev.wasmmemory.service.MemoryRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** With memory.idle-expiry set, the scheduler drops an unused memory (bounded wait, no timing). */
@SpringBootTest(properties = "memory.idle-expiry=3s")
class IdleExpiryTest {
  @Autowired MemoryRegistry registry;

  @Test
  void anIdleMemoryIsDroppedAndAUsedOneIsKept() throws InterruptedException {
    String idle = registry.create(1, null).id();
    String used = registry.create(1, null).id();
    boolean dropped = false;
    for (long deadline = System.nanoTime() + 20_000_000_000L;
        !dropped && System.nanoTime() < deadline; ) {
      registry.get(used); // a lookup counts as use
      Thread.sleep(50);
      dropped = registry.list().stream().noneMatch(m -> m.id().equals(idle));
    }
    assertThat(dropped).as("idle memory dropped within 20 s").isTrue();
    assertThat(registry.get(used).id()).isEqualTo(used);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.get(idle))
        .isInstanceOf(MemoryNotFoundException.class);
  }
}
