package dev.wasmmemory.memory;

import dev.wasmmemory.memory.ModelScenario.Anchor;
import dev.wasmmemory.memory.ModelScenario.Content;
import dev.wasmmemory.memory.ModelScenario.Data;
import dev.wasmmemory.memory.ModelScenario.Extent;
import dev.wasmmemory.memory.ModelScenario.Length;
import dev.wasmmemory.memory.ModelScenario.Limits;
import dev.wasmmemory.memory.ModelScenario.Position;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.Named;

/**
 * Random sequences of every operation, on two small memories, against {@link ReferenceMemory}:
 * every result, every exception class, the sizes and the final bytes must agree, and the budget
 * must hold exactly the materialised pages and get all of them back on close.
 */
class MemoryModelPropertyTest {

  @Property(tries = 250)
  void engineAgreesWithTheReferenceModel(@ForAll("scenarios") ModelScenario scenario) {
    forEach(inProcess, memories -> run(memories, scenario, CountingPageBudget.unlimited()));
  }

  @Property(tries = 150)
  void budgetRefusalsChangeNothing(
      @ForAll("scenarios") ModelScenario scenario, @ForAll("budgetLimits") int limit) {
    forEach(inProcess, memories -> run(memories, scenario, new CountingPageBudget(limit)));
  }

  /** The same scenarios on the stores over real databases: fewer, each costs I/O. */
  @Property(tries = 60)
  void storesAgreeWithTheReferenceModel(
      @ForAll("scenarios") ModelScenario scenario, @ForAll("budgetLimits") int limit) {
    forEach(external, memories -> run(memories, scenario, CountingPageBudget.unlimited()));
    forEach(external, memories -> run(memories, scenario, new CountingPageBudget(limit)));
  }

  /** Opened once per property (a store is slow to open), closed after it. */
  private final List<MemoryFactory> inProcess =
      MemoryFactories.inProcess().map(Named::getPayload).toList();

  private final List<MemoryFactory> external =
      MemoryFactories.external().map(Named::getPayload).toList();

  @AfterProperty
  void closeStores() {
    inProcess.forEach(MemoryFactory::close);
    external.forEach(MemoryFactory::close);
  }

  /** jqwik has no parameter sources of its own here, so every try runs every implementation. */
  private static void forEach(List<MemoryFactory> implementations, Consumer<MemoryFactory> test) {
    implementations.forEach(test);
  }

  private static void run(
      MemoryFactory memories, ModelScenario scenario, CountingPageBudget budget) {
    ModelWorld world = new ModelWorld(memories, scenario.first(), scenario.second(), budget);
    for (ModelAction action : scenario.actions()) {
      action.run(world);
      world.checkInvariants(action.toString());
    }
    world.closeAndCheckReleased();
  }

  @Provide
  Arbitrary<Integer> budgetLimits() {
    return Arbitraries.integers().between(0, 6);
  }

  @Provide
  Arbitrary<ModelScenario> scenarios() {
    return Combinators.combine(limits(), limits(), actions().list().ofMaxSize(30))
        .as(ModelScenario::new);
  }

  /** 0..4 pages; a maximum up to 6, or none (then at least one page, so 65536 is never reached). */
  private Arbitrary<Limits> limits() {
    return Arbitraries.integers()
        .between(0, 4)
        .flatMap(
            initial ->
                Arbitraries.frequencyOf(
                    Tuple.of(
                        4,
                        Arbitraries.integers()
                            .between(initial, 6)
                            .map(maximum -> new Limits(initial, (long) maximum))),
                    Tuple.of(1, Arbitraries.just(new Limits(Math.max(1, initial), null)))));
  }

  private Arbitrary<ModelAction> actions() {
    Arbitrary<Integer> memory = Arbitraries.integers().between(0, 1);
    return Arbitraries.frequencyOf(
        Tuple.of(
            4,
            Combinators.combine(memory, positions(), lengths(), data()).as(ModelAction.Set::new)),
        Tuple.of(3, Combinators.combine(memory, positions(), lengths()).as(ModelAction.Get::new)),
        Tuple.of(
            1, Combinators.combine(memory, positions(), lengths()).as(ModelAction.ReadTo::new)),
        Tuple.of(
            4,
            Combinators.combine(memory, types(), positions(), bits()).as(ModelAction.SetBits::new)),
        Tuple.of(3, Combinators.combine(memory, types(), positions()).as(ModelAction.GetBits::new)),
        Tuple.of(2, Combinators.combine(memory, growth()).as(ModelAction.Grow::new)),
        Tuple.of(
            4,
            Combinators.combine(
                    memory, positions(), positions(), lengths(), Arbitraries.of(true, false))
                .as(ModelAction.Copy::new)),
        Tuple.of(
            3,
            Combinators.combine(memory, memory, positions(), positions(), lengths())
                .as(ModelAction.Transfer::new)),
        Tuple.of(
            3,
            Combinators.combine(
                    memory, positions(), lengths(), fillValues(), Arbitraries.of(true, false))
                .as(ModelAction.Clear::new)),
        Tuple.of(1, memory.map(ModelAction.Erase::new)),
        Tuple.of(
            3,
            Combinators.combine(
                    memory,
                    positions(),
                    lengths(),
                    Arbitraries.of(true, false),
                    Arbitraries.of(0, 0, 0, -1, 1, -PAGE, PAGE),
                    data())
                .as(ModelAction.WriteFrom::new)),
        Tuple.of(
            1,
            Combinators.combine(memory, positions(), lengths(), data())
                .as(ModelAction.DirectWrite::new)),
        Tuple.of(
            1,
            Combinators.combine(memory, positions(), lengths(), fillValues())
                .as(ModelAction.ViewThenFill::new)));
  }

  private static final int PAGE = Pages.PAGE_SIZE;

  private static Arbitrary<Integer> deltas() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0)),
        Tuple.of(3, Arbitraries.of(-1, 1)),
        Tuple.of(2, Arbitraries.integers().between(-8, 8)));
  }

  /** Offsets biased to page boundaries, the end, and 2^32; some anywhere. */
  private static Arbitrary<Position> positions() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            2, Arbitraries.integers().between(0, 16).map(d -> new Position(Anchor.START, 0, d))),
        Tuple.of(
            5,
            Combinators.combine(Arbitraries.integers().between(1, 5), deltas())
                .as((page, d) -> new Position(Anchor.PAGE, page, d))),
        Tuple.of(3, deltas().map(d -> new Position(Anchor.END, 0, d))),
        Tuple.of(1, deltas().map(d -> new Position(Anchor.FOUR_GIB, 0, d))),
        Tuple.of(
            2,
            Arbitraries.integers().between(0, 1000).map(f -> new Position(Anchor.ANYWHERE, 0, f))));
  }

  private static Arbitrary<Length> lengths() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(new Length(Extent.ZERO, 0))),
        Tuple.of(3, Arbitraries.integers().between(0, 15).map(d -> new Length(Extent.SMALL, d))),
        Tuple.of(2, deltas().map(d -> new Length(Extent.PAGE, d))),
        Tuple.of(3, deltas().map(d -> new Length(Extent.REST, d))),
        Tuple.of(1, deltas().map(d -> new Length(Extent.FOUR_GIB, d))),
        Tuple.of(2, Arbitraries.integers().between(0, 1000).map(f -> new Length(Extent.ANY, f))));
  }

  private static Arbitrary<Data> data() {
    return Combinators.combine(Arbitraries.of(Content.class), Arbitraries.longs()).as(Data::new);
  }

  private static Arbitrary<ValueType> types() {
    return Arbitraries.of(ValueType.class);
  }

  private static Arbitrary<Long> bits() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.of(0L, -1L, 0x7FC0_0001L, 0xFF80_0001L, 0x7FF0_0000_0000_0001L));
  }

  private static Arbitrary<Long> growth() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(0L)),
        Tuple.of(5, Arbitraries.just(1L)),
        Tuple.of(2, Arbitraries.just(2L)),
        Tuple.of(1, Arbitraries.of(65536L, Pages.MAX_U32)));
  }

  private static Arbitrary<Byte> fillValues() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just((byte) 0)),
        Tuple.of(1, Arbitraries.just((byte) -1)),
        Tuple.of(2, Arbitraries.bytes()));
  }
}
