package tw.jiaohao.hardware;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import tw.jiaohao.process.arch.JiaohaoRules;

/**
 * Hardware split the Kura/Pi4J way, in packages: the ports ({@code gpio}, {@code printing}, their
 * shared logic {@code printing.escpos}, {@code printing.transport}, and {@code config}) know no
 * adapter and no simulator; the Pi adapters ({@code gpio.pi4j}, {@code printing.usb}) alone use
 * Pi4J and usb4java; the simulators ({@code *.sim}) and adapters do not know each other; only the
 * composition root ({@link HardwareFactory}) and the installer's tool ({@code diagnostics}) name both.
 */
class ArchitectureTest {
    private static final String ROOT = "tw.jiaohao.hardware";
    private static final JavaClasses MAIN = JiaohaoRules.mainClasses(ROOT);
    private static final String[] PORTS = {ROOT + ".gpio", ROOT + ".printing", ROOT + ".printing.escpos",
        ROOT + ".printing.transport", ROOT + ".config"};

    static ArchRule portsKnowNoAdapterNorSimulator() {
        return noClasses().that().resideInAnyPackage(PORTS).should().dependOnClassesThat()
                .resideInAnyPackage(JiaohaoRules.HARDWARE_ADAPTERS);
    }

    @Test
    void onlyTheAdaptersAndTheCompositionRootUsePi4jAndUsb4java() {
        JiaohaoRules.deviceLibrariesOnlyInAdapters(HardwareFactory.class.getName()).check(MAIN);
    }

    @Test
    void thePortsKnowNoAdapterNorSimulator() {
        portsKnowNoAdapterNorSimulator().check(MAIN);
    }

    @Test
    void simulatorsAndPiAdaptersDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("..sim..").should().dependOnClassesThat().resideInAnyPackage("..pi4j..", "..usb..")
                .orShould().dependOnClassesThat().resideInAnyPackage(JiaohaoRules.DEVICE_LIBRARIES).check(MAIN);
        noClasses().that().resideInAnyPackage("..pi4j..", "..usb..").should().dependOnClassesThat().resideInAPackage("..sim..")
                .check(MAIN);
    }

    @Test
    void thePackagesHaveNoCycle() {
        // package by package: a port package and its adapter package are separate layers here
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theMainInstallsTheUncaughtBugHandler() {
        JiaohaoRules.everyMainInstallsTheBugHandler(ROOT).check(MAIN);
    }

    @Test
    void theDeviceLibraryRuleFailsOnPortCodeThatUsesPi4j() {
        String fixtures = "tw.jiaohao.archfixture.hardware";
        assertThatThrownBy(() -> JiaohaoRules.deviceLibrariesOnlyInAdapters(HardwareFactory.class.getName())
                .check(JiaohaoRules.allClasses(fixtures))).hasMessageContaining("ReadsPinsItself");
    }
}
