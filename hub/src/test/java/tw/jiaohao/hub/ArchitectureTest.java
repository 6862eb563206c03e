package tw.jiaohao.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import tw.jiaohao.process.arch.JiaohaoRules;

/** The hub's shape: no cycle between feature packages, statistics without I/O, Javalin only in the web parts, MQTT only through the one session. */
class ArchitectureTest {
    private static final String ROOT = "tw.jiaohao.hub";
    private static final JavaClasses MAIN = JiaohaoRules.mainClasses(ROOT);

    @Test
    void theFeaturePackagesHaveNoCycle() {
        JiaohaoRules.noPackageCycles(ROOT).check(MAIN);
    }

    @Test
    void theStatisticsKnowNoMqttNoSqlNoWeb() {
        noClasses().that().resideInAPackage(ROOT + ".stats..").should().dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.paho..", "java.sql..", "org.sqlite..", "io.javalin..").check(MAIN);
    }

    @Test
    void theSqliteDriverAndFlywayStayInTheStores() {
        noClasses().that().resideInAPackage(ROOT + "..").and().haveSimpleNameNotStartingWith("Sqlite")
                .and().doNotHaveSimpleName("HubDatabase").should().dependOnClassesThat()
                .resideInAnyPackage("org.sqlite..", "org.flywaydb..").check(MAIN);
    }

    @Test
    void noHardwareAtTheHub() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("tw.jiaohao.hardware..", "javafx..")
                .orShould().dependOnClassesThat().resideInAnyPackage(JiaohaoRules.DEVICE_LIBRARIES).check(MAIN);
    }

    @Test
    void noHubClassSpeaksPahoItself_theHubsOneSessionDoes() {
        noClasses().that().resideInAPackage(ROOT + "..").should().dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.paho..", "tw.jiaohao.messaging.internal..").check(MAIN);
    }

    @Test
    void everyMainInstallsTheUncaughtBugHandler() {
        JiaohaoRules.everyMainInstallsTheBugHandler(ROOT).check(MAIN);
    }
}
