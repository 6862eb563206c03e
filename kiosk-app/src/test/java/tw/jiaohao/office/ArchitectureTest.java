package tw.jiaohao.office;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tw.jiaohao.process.arch.JiaohaoRules.DEVICE_LIBRARIES;
import static tw.jiaohao.process.arch.JiaohaoRules.allClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import tw.jiaohao.process.arch.ApplicationArchitecture;
import tw.jiaohao.process.arch.JiaohaoRules;
import tw.jiaohao.protocol.counter.CounterCommand;

/** The office node's shape: the domain knows no adapter, no package cycle, hardware only through its ports. */
class ArchitectureTest extends ApplicationArchitecture {
    private static final String ROOT = "tw.jiaohao.office";
    private static final String FIXTURES = "tw.jiaohao.archfixture.office";

    /** The queue rules, upkeep and configuration: no MQTT, JavaFX, hardware, nor the packages that adapt them. */
    @Override
    protected String root() {
        return ROOT;
    }

    static ArchRule domainKnowsNoAdapter(String root) {
        return noClasses().that().resideInAnyPackage(root + ".ticketing..", root + ".upkeep..", root + ".config..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.paho..", "javafx..", "tw.jiaohao.hardware..",
                        root + ".link..", root + ".kiosk..", root + ".selfservice..", root + ".install..", root + ".simulation..")
                .orShould().dependOnClassesThat().resideInAnyPackage(DEVICE_LIBRARIES).allowEmptyShould(true);
    }

    /** The SQLite driver and Flyway are the store's business alone. */
    static ArchRule sqliteDriverOnlyInTheStore(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().doNotHaveSimpleName("OfficeDatabase")
                .should().dependOnClassesThat().resideInAnyPackage("org.sqlite..", "org.flywaydb..").allowEmptyShould(true);
    }

    @Test
    void theDomainKnowsNeitherMqttNorJavaFxNorHardware() {
        domainKnowsNoAdapter(ROOT).check(mainClasses());
    }

    /** The node, its kiosk and self-service speak MQTT through the process's one session; only the simulated counters (separate devices) keep a client. */
    @Test
    void onlyTheSimulatedCountersHoldAnMqttClientOfTheirOwn() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage(ROOT + "..")
                .and().resideOutsideOfPackage(ROOT + ".simulation..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.paho..", "tw.jiaohao.messaging.internal..")
                .check(mainClasses());
    }

    @Test
    void onlyTheOfficeDatabaseTouchesTheSqliteDriverAndFlyway() {
        sqliteDriverOnlyInTheStore(ROOT).check(mainClasses());
    }

    /** The ticket lifecycle is pure code: Java's values and the protocol's, nothing else (no SQL, no engine). */
    static ArchRule lifecycleIsPure(String root) {
        return classes().that().resideInAPackage(root + ".ticketing.lifecycle..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java.lang..", "java.time..", "java.util..", "tw.jiaohao.protocol..", root + ".ticketing.lifecycle..")
                .allowEmptyShould(true);
    }

    @Test
    void theTicketLifecycleDependsOnJavaAndTheProtocolOnly() {
        lifecycleIsPure(ROOT).check(mainClasses());
    }

    /** The queue engine's parts keep their own contracts: none of them reaches back into the coordinator that wires them. */
    static ArchRule enginePartsDoNotCallBackTheEngine(String root) {
        return noClasses().that().resideInAPackage(root + ".ticketing..").and().doNotHaveFullyQualifiedName(root + ".ticketing.QueueEngine")
                .should().dependOnClassesThat().haveFullyQualifiedName(root + ".ticketing.QueueEngine").allowEmptyShould(true);
    }

    /**
     * A counter's command is turned into a lifecycle command in one place, {@code IncomingCommands}:
     * the rest of the domain hands a {@link CounterCommand} on without reading it.
     */
    static ArchRule counterCommandsAreReadInOnePlace(String root) {
        DescribedPredicate<JavaMethodCall> readsACounterCommand = new DescribedPredicate<>("reads a CounterCommand") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTargetOwner().isEquivalentTo(CounterCommand.class) && call.getTarget().resolveMember()
                        .map(m -> !m.getModifiers().contains(JavaModifier.STATIC)).orElse(true);
            }
        };
        return noClasses().that().resideInAnyPackage(root + ".ticketing..", root + ".upkeep..", root + ".config..")
                .and().doNotHaveFullyQualifiedName(root + ".ticketing.IncomingCommands")
                .should().callMethodWhere(readsACounterCommand).allowEmptyShould(true);
    }

    /**
     * Deciding and folding is one step, {@code Transitions} (one command, a batch, or an event head
     * office gives back): no other class of the office node calls the lifecycle's {@code decide},
     * {@code apply} or {@code replay}, so no part keeps a loop of its own.
     */
    static ArchRule onlyTransitionsDecidesAndFolds(String root) {
        String lifecycle = root + ".ticketing.lifecycle.Lifecycle";
        DescribedPredicate<JavaMethodCall> decidesOrFolds = new DescribedPredicate<>("decides or folds by the lifecycle") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTargetOwner().getFullName().equals(lifecycle)
                        && java.util.Set.of("decide", "apply", "replay").contains(call.getName());
            }
        };
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".ticketing.lifecycle..")
                .and().doNotHaveFullyQualifiedName(root + ".ticketing.Transitions")
                .should().callMethodWhere(decidesOrFolds).allowEmptyShould(true);
    }

    @Test
    void onlyTransitionsDecidesAndFoldsTicketChanges() {
        onlyTransitionsDecidesAndFolds(ROOT).check(mainClasses());
    }

    @Test
    void theEnginesPartsDoNotCallBackTheEngine() {
        enginePartsDoNotCallBackTheEngine(ROOT).check(mainClasses());
    }

    @Test
    void counterCommandsAreTranslatedByIncomingCommandsAlone() {
        counterCommandsAreReadInOnePlace(ROOT).check(mainClasses());
    }

    @Test
    void theRulesFailOnCodeThatBreaksThem() {
        JavaClasses fixtures = allClasses(FIXTURES);
        assertThatThrownBy(() -> domainKnowsNoAdapter(FIXTURES).check(fixtures)).hasMessageContaining("PublishesItself");
        assertThatThrownBy(() -> JiaohaoRules.hardwareAdaptersOnlyInCompositionRoots(FIXTURES).check(fixtures))
                .hasMessageContaining("DrivesTheSimulator");
        assertThatThrownBy(() -> enginePartsDoNotCallBackTheEngine(FIXTURES).check(fixtures)).hasMessageContaining("CallsBackTheEngine");
        assertThatThrownBy(() -> counterCommandsAreReadInOnePlace(FIXTURES).check(fixtures)).hasMessageContaining("TranslatesACommandItself");
        assertThatThrownBy(() -> onlyTransitionsDecidesAndFolds(FIXTURES).check(fixtures)).hasMessageContaining("FoldsItself")
                .hasMessageNotContaining("Transitions.run");
    }
}
