package tw.jiaohao.board;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import tw.jiaohao.process.arch.JiaohaoRules;

/** The wall board's and counter unit's shape: MQTT only in the link, the link without JavaFX, hardware through its ports. */
class ArchitectureTest {
    private static final String ROOT = "tw.jiaohao.board";
    private static final JavaClasses MAIN = JiaohaoRules.mainClasses(ROOT);
    private static final String FIXTURES = "tw.jiaohao.archfixture.board";

    static ArchRule mqttOnlyInTheLink(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".link..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho..").allowEmptyShould(true);
    }

    @Test
    void onlyTheOfficeLinkSpeaksMqtt() {
        mqttOnlyInTheLink(ROOT).check(MAIN);
    }

    @Test
    void theLinkAndTheVoiceRulesKnowNoScreen() {
        noClasses().that().resideInAPackage(ROOT + ".link..").should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", ROOT + ".wall..", ROOT + ".counter..").check(MAIN);
    }

    @Test
    void theFeaturePackagesHaveNoCycle() {
        JiaohaoRules.noPackageCycles(ROOT).check(MAIN);
    }

    @Test
    void onlyACompositionRootNamesAHardwareAdapterOrSimulator() {
        JiaohaoRules.hardwareAdaptersOnlyInCompositionRoots(ROOT).check(MAIN);
        JiaohaoRules.deviceLibrariesOnlyInAdapters("none").check(MAIN);
    }

    @Test
    void everyMainInstallsTheUncaughtBugHandler() {
        JiaohaoRules.everyMainInstallsTheBugHandler(ROOT).check(MAIN);
    }

    @Test
    void theMqttRuleFailsOnAScreenWithItsOwnClient() {
        assertThatThrownBy(() -> mqttOnlyInTheLink(FIXTURES).check(JiaohaoRules.allClasses(FIXTURES)))
                .hasMessageContaining("SubscribesItself");
    }
}
