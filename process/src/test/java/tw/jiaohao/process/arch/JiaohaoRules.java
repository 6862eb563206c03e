package tw.jiaohao.process.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import tw.jiaohao.process.Bugs;

/**
 * The architecture rules every module's {@code ArchitectureTest} applies to its main code, each
 * taking the package root so a test can also show it failing on a fixture package. Rules that
 * today's code breaks are frozen there with {@code FreezingArchRule} (known violations listed in
 * docs/ARCHITECTURE.md); a new violation fails the build.
 */
public final class JiaohaoRules {
    /** The device drivers' libraries: only hardware's adapter packages may use them. */
    public static final String[] DEVICE_LIBRARIES = {"com.pi4j..", "org.usb4java..", "javax.usb.."};
    /** Hardware's adapter packages (Pi4J pins, USB printer) and simulators: reached only from a composition root. */
    public static final String[] HARDWARE_ADAPTERS = {"tw.jiaohao.hardware..pi4j..", "tw.jiaohao.hardware..usb..",
        "tw.jiaohao.hardware..sim.."};

    private JiaohaoRules() {
    }

    /** The main classes under {@code root} (tests excluded). */
    public static JavaClasses mainClasses(String root) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(root);
    }

    /** Every class under {@code root} (for the fixtures that show a rule failing). */
    public static JavaClasses allClasses(String root) {
        return new ClassFileImporter().importPackages(root);
    }

    /** No cycle between the feature packages directly under {@code root}. */
    public static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }

    /** The device drivers' libraries stay inside hardware's adapter packages (and its composition root {@code factory}). */
    public static ArchRule deviceLibrariesOnlyInAdapters(String factory) {
        return noClasses().that().resideOutsideOfPackages("..pi4j..", "..usb..").and().doNotHaveFullyQualifiedName(factory)
                .should().dependOnClassesThat().resideInAnyPackage(DEVICE_LIBRARIES).allowEmptyShould(true);
    }

    /** Applications use hardware through its ports; only a composition root ({@code *Main}) names an adapter or simulator. */
    public static ArchRule hardwareAdaptersOnlyInCompositionRoots(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().haveSimpleNameNotEndingWith("Main")
                .should().dependOnClassesThat().resideInAnyPackage(HARDWARE_ADAPTERS).allowEmptyShould(true);
    }

    /** Every {@code main} installs the uncaught-bug handler ({@link Bugs#exitOnUncaught}). */
    public static ArchRule everyMainInstallsTheBugHandler(String root) {
        return methods().that().haveName("main").and().areStatic().and().arePublic().and().areDeclaredInClassesThat()
                .resideInAPackage(root + "..").should(new ArchCondition<JavaMethod>("call Bugs.exitOnUncaught") {
                    @Override
                    public void check(JavaMethod main, ConditionEvents events) {
                        boolean installs = main.getMethodCallsFromSelf().stream().anyMatch(call ->
                                call.getTargetOwner().isEquivalentTo(Bugs.class) && call.getName().equals("exitOnUncaught"));
                        events.add(new SimpleConditionEvent(main, installs, main.getFullName()
                                + (installs ? " installs" : " does not install") + " the uncaught-bug handler"));
                    }
                }).allowEmptyShould(true);
    }
}
