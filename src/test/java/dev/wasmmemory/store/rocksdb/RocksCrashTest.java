package dev.wasmmemory.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.PageCache;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.store.Durability;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a JVM writing multi-page regions, then a restart on the same data: every
 * acknowledged write is there, the write in flight is there whole or not at all, and nothing else
 * changed. Several kills at random moments, within a fixed time budget.
 */
class RocksCrashTest {
  private static final int KILLS = 4;
  private static final long BUDGET_MILLIS = 40_000;

  @TempDir Path dir;

  @Test
  void killedWritersLoseNothingAcknowledgedAndTearNothing() throws Exception {
    String victim;
    String bystander;
    byte[] bystanderBytes = new byte[2 * Pages.PAGE_SIZE];
    new Random(7).nextBytes(bystanderBytes);
    try (RocksMemoryStore store = open()) {
      victim = store.create(MemoryLimits.unbounded(6), null).id();
      LinearMemory other = store.create(MemoryLimits.unbounded(2), null);
      other.set(0, bystanderBytes);
      bystander = other.id();
    }

    Random random = new Random(42);
    long deadline = System.currentTimeMillis() + BUDGET_MILLIS;
    int next = 1;
    int kills = 0;
    while (kills < KILLS && System.currentTimeMillis() < deadline) {
      int acknowledged = runAndKill(victim, next, 5 + random.nextInt(20), random.nextInt(30));
      kills++;
      try (RocksMemoryStore store = open()) {
        LinearMemory memory = store.find(victim).orElseThrow();
        byte[] region = memory.get(RocksCrashWriter.OFFSET, RocksCrashWriter.LENGTH);
        int found = region[0] & 0xFF;
        assertThat(found)
            .as("after kill %d: acknowledged %d", kills, acknowledged)
            .isIn(acknowledged & 0xFF, (acknowledged + 1) & 0xFF);
        for (int i = 0; i < region.length; i++) {
          if ((region[i] & 0xFF) != found) {
            throw new AssertionError("torn write after kill " + kills + " at byte " + i);
          }
        }
        assertThat(memory.get(0, RocksCrashWriter.OFFSET)).containsOnly(0);
        long end = RocksCrashWriter.OFFSET + RocksCrashWriter.LENGTH;
        assertThat(memory.get(end, memory.sizeBytes() - end)).containsOnly(0);
        assertThat(store.find(bystander).orElseThrow().get(0, bystanderBytes.length))
            .isEqualTo(bystanderBytes);
        boolean inFlightLanded = found != (acknowledged & 0xFF);
        System.out.printf(
            "RocksCrashTest: kill %d after write %d acknowledged; write in flight %s%n",
            kills, acknowledged, inFlightLanded ? "landed whole" : "absent");
        next = (inFlightLanded ? acknowledged + 1 : acknowledged) + 1;
      }
    }
    assertThat(kills).isGreaterThanOrEqualTo(2);
  }

  /** Starts the writer, waits for {@code acks} acknowledgements and a little more, kills it. */
  private int runAndKill(String id, int first, int acks, int extraMillis) throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RocksCrashWriter.class.getName(),
                dir.toString(),
                id,
                Integer.toString(first))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    int last = first - 1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          last = Integer.parseInt(line.substring(4));
          if (last - first + 1 >= acks) {
            break;
          }
        }
      }
      Thread.sleep(extraMillis);
      // kill -9: no shutdown hook, no flush; what the writer printed before is what was acked.
      // (Process.destroyForcibly would also close the pipe the last ACKs are still in.)
      new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
      child.waitFor(10, TimeUnit.SECONDS);
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          last = Integer.parseInt(line.substring(4));
        }
      }
    }
    return last;
  }

  private RocksMemoryStore open() {
    return RocksMemoryStore.open(
        dir, Durability.PROCESS, PageBudget.UNLIMITED, new PageCache(1 << 20));
  }
}
