package dev.wasmmemory;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.ValueType;

/**
 * The arrows of STYLE.md: {@code api → service → memory}, {@code config} may use anything, and the
 * engine depends on no framework and on no other package of ours.
 */
@AnalyzeClasses(packages = "dev.wasmmemory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final DescribedPredicate<JavaClass> ENGINE_VALUES_AND_EXCEPTIONS =
      DescribedPredicate.describe(
          "ValueType, Pages, MemoryLimits, the records of LinearMemory or an exception",
          type ->
              type.isEquivalentTo(ValueType.class)
                  || type.isEquivalentTo(Pages.class)
                  || type.isEquivalentTo(MemoryLimits.class)
                  || (type.isRecord()
                      && type.getEnclosingClass()
                          .map(outer -> outer.isEquivalentTo(LinearMemory.class))
                          .orElse(false))
                  || type.isAssignableTo(RuntimeException.class));

  @ArchTest
  static final ArchRule engineDependsOnNoSpring =
      noClasses()
          .that()
          .resideInAPackage("dev.wasmmemory.memory..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..")
          .because("the engine is a plain library, like Chicory's runtime");

  @ArchTest
  static final ArchRule engineDependsOnNoOtherPackageOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dev.wasmmemory.memory..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.wasmmemory..")
                  .and(not(resideInAnyPackage("dev.wasmmemory.memory.."))))
          .because("the engine sits at the bottom of the layers");

  /**
   * Controllers reach memories only through the service, so that every store slots in: of the
   * engine they see the values they render and the exceptions they map, nothing that holds bytes.
   */
  @ArchTest
  static final ArchRule apiUsesOnlyTheEnginesValueTypesAndExceptions =
      noClasses()
          .that()
          .resideInAPackage("dev.wasmmemory.api..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.wasmmemory.memory..").and(not(ENGINE_VALUES_AND_EXCEPTIONS)))
          .because("api/ talks to memories through service/ only");

  @ArchTest
  static final ArchRule layersPointOneWay =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .withOptionalLayers(true)
          .layer("Api")
          .definedBy("dev.wasmmemory.api..")
          .layer("Service")
          .definedBy("dev.wasmmemory.service..")
          .layer("Module")
          .definedBy("dev.wasmmemory.module..")
          .layer("Memory")
          .definedBy("dev.wasmmemory.memory..")
          .layer("Config")
          .definedBy("dev.wasmmemory.config..")
          .whereLayer("Api")
          .mayOnlyBeAccessedByLayers("Config")
          .whereLayer("Module")
          .mayOnlyBeAccessedByLayers("Api", "Config")
          .whereLayer("Service")
          .mayOnlyBeAccessedByLayers("Api", "Config", "Module")
          .whereLayer("Memory")
          .mayOnlyBeAccessedByLayers("Service", "Api", "Config", "Module");

  @ArchTest
  static final ArchRule modulesDependOnNoSpring =
      noClasses()
          .that()
          .resideInAPackage("dev.wasmmemory.module..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..")
          .because("running modules is plain Java; config/ wires it");
}
