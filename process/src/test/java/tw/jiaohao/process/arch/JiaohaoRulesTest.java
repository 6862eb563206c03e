package tw.jiaohao.process.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shared rules fail on the fixtures that break them (tw.jiaohao.archfixture), so a passing rule means something. */
class JiaohaoRulesTest {
    @Test
    void aPackageCycleFailsTheCycleRule() {
        assertThatThrownBy(() -> JiaohaoRules.noPackageCycles("tw.jiaohao.archfixture.cycle")
                .check(JiaohaoRules.allClasses("tw.jiaohao.archfixture.cycle")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
    }

    @Test
    void aMainWithoutTheBugHandlerFailsTheMainRule() {
        assertThatThrownBy(() -> JiaohaoRules.everyMainInstallsTheBugHandler("tw.jiaohao.archfixture.main")
                .check(JiaohaoRules.allClasses("tw.jiaohao.archfixture.main")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ForgetfulMain.main([Ljava.lang.String;) does not install");
    }
}
