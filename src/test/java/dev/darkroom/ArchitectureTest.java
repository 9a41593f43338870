package dev.darkroom;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.http.annotation.Controller;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The shape of the code, kept by rules over its compiled classes: where a dependency may point. */
@AnalyzeClasses(packages = "dev.darkroom", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** A cycle means neither package can be read, changed or moved without the other. */
    @ArchTest
    static final ArchRule packagesDependOnEachOtherInOneDirectionOnly = slices()
            .matching("dev.darkroom.(*)..")
            .should().beFreeOfCycles();

    /** A controller maps HTTP to one use case; what is read or written is that service's business. */
    @ArchTest
    static final ArchRule controllersDoNotUseRepositories = noClasses()
            .that().areAnnotatedWith(Controller.class)
            .should().dependOnClassesThat(assignableTo(GenericRepository.class));

    /** The contract between the roles is what each side may rely on, so it leans on nothing of either side. */
    @ArchTest
    static final ArchRule theRunContractDependsOnNothingOfDarkroomOutsideItself = noClasses()
            .that().resideInAPackage("dev.darkroom.run..")
            .should().dependOnClassesThat(resideInAPackage("dev.darkroom..")
                    .and(resideInAPackage("dev.darkroom.run..").negate()));

    /** The main class only picks a command: nothing it starts may lean back on it. */
    @ArchTest
    static final ArchRule nothingDependsOnTheMainClass = noClasses()
            .that().doNotBelongToAnyOf(Darkroom.class)
            .should().dependOnClassesThat().belongToAnyOf(Darkroom.class);

    /** The roles meet only in the contract: each can be deployed, read and changed on its own. */
    @ArchTest
    static final ArchRule rolesDoNotDependOnEachOther = slices()
            .matching("dev.darkroom.(dispatch|worker|webhook|recovery)..")
            .should().notDependOnEachOther();
}
