package dev.wasmmemory.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.PageCache;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.store.Durability;
import dev.wasmmemory.store.MemoryStore.MemoryRecord;
import dev.wasmmemory.store.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * The RocksDB store across restarts: what was acknowledged is there, what it cannot vouch for is
 * refused.
 */
class RocksMemoryStoreTest {
  @TempDir Path dir;

  private RocksMemoryStore open(PageBudget budget) {
    return RocksMemoryStore.open(dir, Durability.PROCESS, budget, new PageCache(8L << 16));
  }

  @Test
  void memoriesAndTheirMetadataSurviveARestart() throws Exception {
    String id;
    long version;
    Instant created;
    try (RocksMemoryStore store = open(PageBudget.UNLIMITED)) {
      LinearMemory memory = store.create(MemoryLimits.of(1, 8L), "alice");
      id = memory.id();
      memory.setBits(ValueType.I64, 8, 0x1122334455667788L);
      memory.grow(2);
      byte[] big = new byte[2 * Pages.PAGE_SIZE + 10];
      Arrays.fill(big, (byte) 7);
      memory.writeFrom(100, big.length, new ByteArrayInputStream(big));
      version = memory.version();
      created = store.record(id).orElseThrow().createdAt();
      store.touch(id, created.plusSeconds(60));
    }

    try (RocksMemoryStore store = open(PageBudget.UNLIMITED)) {
      MemoryRecord record = store.record(id).orElseThrow();
      assertThat(record.limits()).isEqualTo(MemoryLimits.of(1, 8L));
      assertThat(record.owner()).isEqualTo("alice");
      assertThat(record.createdAt()).isEqualTo(created);
      assertThat(record.lastUsed()).isEqualTo(created.plusSeconds(60));
      LinearMemory memory = store.find(id).orElseThrow();
      assertThat(memory.version()).isEqualTo(version);
      assertThat(memory.currentPages()).isEqualTo(3);
      assertThat(memory.get(100, 1)).containsExactly(7);
      assertThat(memory.get(100 + 2L * Pages.PAGE_SIZE + 9, 2)).containsExactly(7, 0);
      assertThat(memory.getBits(ValueType.I64, 8)).isEqualTo(0x1122334455667788L);
      assertThat(store.list()).extracting(MemoryRecord::id).containsExactly(id);
    }
  }

  @Test
  void startUpReadsNoPageAndChargesTheStoredOnesToTheBudget() throws Exception {
    String id;
    try (RocksMemoryStore store = open(PageBudget.UNLIMITED)) {
      LinearMemory memory = store.create(MemoryLimits.unbounded(4), null);
      id = memory.id();
      for (int page = 0; page < 4; page++) {
        memory.set((long) page * Pages.PAGE_SIZE, new byte[] {1});
      }
    }
    MemoryBudget budget = new MemoryBudget(Pages.toBytes(2));
    PageCache cache = new PageCache(8L << 16);
    try (RocksMemoryStore store = RocksMemoryStore.open(dir, Durability.PROCESS, budget, cache)) {
      assertThat(budget.usedBytes())
          .as("stored pages, past the smaller budget")
          .isEqualTo(4L << 16);
      assertThat(store.storedBytes()).isEqualTo(4L << 16);
      LinearMemory memory = store.find(id).orElseThrow();
      assertThat(cache.cachedBytes()).isZero();
      assertThat(memory.get(3L * Pages.PAGE_SIZE, 1)).containsExactly(1);
      assertThat(cache.cachedBytes()).isEqualTo(Pages.PAGE_SIZE);
      memory.zero(0, Pages.PAGE_SIZE);
      assertThat(budget.usedBytes()).isEqualTo(3L << 16);
    }
  }

  @Test
  void aDeletedMemoryStaysDeletedAndItsPagesAreGivenBack() {
    MemoryBudget budget = new MemoryBudget(1L << 30);
    String id;
    try (RocksMemoryStore store = open(budget)) {
      LinearMemory memory = store.create(MemoryLimits.unbounded(2), null);
      id = memory.id();
      memory.set(0, new byte[2 * Pages.PAGE_SIZE]);
      memory.set(0, new byte[] {1, 2, 3});
      assertThat(store.delete(memory)).isTrue();
      assertThat(store.find(id)).isEmpty();
      assertThat(store.delete(memory)).isFalse();
      assertThat(budget.usedBytes()).isZero();
    }
    try (RocksMemoryStore store = open(budget)) {
      assertThat(store.find(id)).isEmpty();
      assertThat(store.count()).isZero();
      assertThat(store.storedBytes()).isZero();
    }
  }

  @Test
  void aConditionalDeleteAtAStaleVersionKeepsTheMemory() {
    try (RocksMemoryStore store = open(PageBudget.UNLIMITED)) {
      LinearMemory memory = store.create(MemoryLimits.unbounded(1), null);
      long stale = memory.version();
      memory.set(0, new byte[] {1});
      assertThatThrownBy(() -> store.delete(memory.ifVersion(stale)))
          .isInstanceOf(dev.wasmmemory.memory.VersionMismatchException.class);
      assertThat(store.find(memory.id()).orElseThrow().get(0, 1)).containsExactly(1);
    }
  }

  @Test
  void idsThatAreNotOursAreUnknown() {
    try (RocksMemoryStore store = open(PageBudget.UNLIMITED)) {
      assertThat(store.find("not-a-uuid")).isEmpty();
      assertThat(store.find("00000000-0000-0000-0000-000000000000")).isEmpty();
      assertThat(store.find("3F1C2A9E-7B4D-4E8A-9C61-2D5F8E0B7A13")).isEmpty();
    }
  }

  @Test
  void aDirectoryInUseIsRefusedClearly() {
    try (RocksMemoryStore store = open(PageBudget.UNLIMITED)) {
      assertThatThrownBy(() -> open(PageBudget.UNLIMITED))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("in use by another process");
    }
  }

  /**
   * A directory of the layout before snapshots opens, and is marked as the new layout at once, so
   * that a build of the old one (which would overwrite blocks snapshots hold) refuses it from then.
   */
  @Test
  void aDirectoryOfTheLayoutBeforeSnapshotsIsReadAndMarkedAsTheNewOne() throws Exception {
    String id;
    try (RocksMemoryStore store = open(PageBudget.UNLIMITED)) {
      LinearMemory memory = store.create(MemoryLimits.of(1, null), null);
      memory.set(0, new byte[] {5});
      id = memory.id();
    }
    try (Options options = new Options();
        RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put(RocksKeys.FORMAT, RocksDatabase.PREVIOUS_FORMAT.getBytes(StandardCharsets.UTF_8));
    }
    try (RocksMemoryStore store = open(PageBudget.UNLIMITED)) {
      assertThat(store.find(id).orElseThrow().get(0, 1)).containsExactly(5);
    }
    try (Options options = new Options();
        RocksDB db = RocksDB.open(options, dir.toString())) {
      assertThat(new String(db.get(RocksKeys.FORMAT), StandardCharsets.UTF_8))
          .isEqualTo(RocksDatabase.FORMAT);
    }
  }

  @Test
  void aDirectoryOfAnotherFormatIsRefusedAndLeftAlone() throws Exception {
    try (Options options = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put(
          RocksKeys.FORMAT,
          "wasm-memory-service rocksdb layout 0".getBytes(StandardCharsets.UTF_8));
      db.put(new byte[] {0x10, 1}, new byte[] {42});
    }

    assertThatThrownBy(() -> open(PageBudget.UNLIMITED))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("layout 0")
        .hasMessageContaining("does not read");

    try (Options options = new Options();
        RocksDB db = RocksDB.open(options, dir.toString())) {
      assertThat(db.get(new byte[] {0x10, 1})).containsExactly(42);
    }
  }

  @Test
  void aDirectoryWithDataButNoFormatIsRefused() throws Exception {
    try (Options options = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put(new byte[] {'x'}, new byte[] {1});
    }
    assertThatThrownBy(() -> open(PageBudget.UNLIMITED))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("no format record");
  }

  @Test
  void aCorruptDirectoryIsRefusedClearly() throws Exception {
    try (RocksMemoryStore store = open(PageBudget.UNLIMITED)) {
      store.create(MemoryLimits.unbounded(1), null);
    }
    Files.writeString(dir.resolve("CURRENT"), "MANIFEST-999999\n");

    assertThatThrownBy(() -> open(PageBudget.UNLIMITED))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining(dir.toAbsolutePath().toString());
  }

  @Test
  void fsyncDurabilityStoresLikeProcessDurability() {
    String id;
    try (RocksMemoryStore store =
        RocksMemoryStore.open(
            dir, Durability.FSYNC, PageBudget.UNLIMITED, new PageCache(1 << 16))) {
      LinearMemory memory = store.create(MemoryLimits.unbounded(1), null);
      id = memory.id();
      memory.setBits(ValueType.I32, 0, 42);
    }
    try (RocksMemoryStore store = open(PageBudget.UNLIMITED)) {
      assertThat(store.find(id).orElseThrow().getBits(ValueType.I32, 0)).isEqualTo(42);
    }
  }
}
