package dev.darkroom.run;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import dev.darkroom.dispatch.WorkerClient;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The roles meet in the contract only: it depends on nothing of Darkroom's, and the dispatcher, the worker, the
 * receiver and recovery do not reach into one another (recovery asks workers through the dispatcher's client,
 * the one way Darkroom talks to a worker).
 */
class ContractDependenciesTest {

    static final JavaClasses DARKROOM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.darkroom");

    @Test
    void theContractDependsOnNothingOfDarkroomsOwn() {
        noClasses().that().resideInAPackage("dev.darkroom.run..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.darkroom..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("dev.darkroom.run.."))))
                .check(DARKROOM);
    }

    @Test
    void theRolesImportTheContractNotEachOther() {
        String[] roles = {"dev.darkroom.dispatch..", "dev.darkroom.worker..", "dev.darkroom.webhook..",
                "dev.darkroom.recovery.."};
        for (String role : roles) {
            for (String other : roles) {
                if (role.equals(other)) {
                    continue;
                }
                DescribedPredicate<JavaClass> forbidden = JavaClass.Predicates.resideInAPackage(other);
                if (role.equals("dev.darkroom.recovery..") && other.equals("dev.darkroom.dispatch..")) {
                    forbidden = forbidden.and(DescribedPredicate.not(
                            JavaClass.Predicates.belongToAnyOf(WorkerClient.class)));
                }
                noClasses().that().resideInAPackage(role).should().dependOnClassesThat(forbidden).check(DARKROOM);
            }
        }
    }
}
