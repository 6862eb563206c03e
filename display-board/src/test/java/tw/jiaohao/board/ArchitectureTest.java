package tw.jiaohao.board;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import tw.jiaohao.process.arch.ApplicationArchitecture;
import tw.jiaohao.process.arch.JiaohaoRules;

/** The wall board's and counter unit's shape: MQTT only in the link, the link without JavaFX, hardware through its ports. */
class ArchitectureTest extends ApplicationArchitecture {
    private static final String ROOT = "tw.jiaohao.board";
    private static final String FIXTURES = "tw.jiaohao.archfixture.board";

    @Override
    protected String root() {
        return ROOT;
    }

    static ArchRule mqttOnlyInTheLink(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".link..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho..").allowEmptyShould(true);
    }

    @Test
    void onlyTheOfficeLinkSpeaksMqtt() {
        mqttOnlyInTheLink(ROOT).check(mainClasses());
    }

    @Test
    void noBoardClassSpeaksPahoItself_theProgramsOneSessionDoes() {
        noClasses().that().resideInAPackage(ROOT + "..").should().dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.paho..", "tw.jiaohao.messaging.internal..").check(mainClasses());
    }

    @Test
    void theLinkKnowsNoScreen() {
        noClasses().that().resideInAPackage(ROOT + ".link..").should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", ROOT + ".wall..", ROOT + ".counter..").check(mainClasses());
    }

    @Test
    void theMqttRuleFailsOnAScreenWithItsOwnClient() {
        assertThatThrownBy(() -> mqttOnlyInTheLink(FIXTURES).check(JiaohaoRules.allClasses(FIXTURES)))
                .hasMessageContaining("SubscribesItself");
    }
}
