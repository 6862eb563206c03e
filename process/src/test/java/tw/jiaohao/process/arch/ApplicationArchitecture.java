package tw.jiaohao.process.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The rules every application module (office node, display board) keeps; its
 * {@code ArchitectureTest} extends this and names its package root.
 */
public abstract class ApplicationArchitecture {
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    /** The application's package root, e.g. {@code tw.jiaohao.office}. */
    protected abstract String root();

    /** The module's main classes, imported once per test run. */
    protected final JavaClasses mainClasses() {
        return IMPORTED.computeIfAbsent(root(), JiaohaoRules::mainClasses);
    }

    @Test
    void theFeaturePackagesHaveNoCycle() {
        JiaohaoRules.noPackageCycles(root()).check(mainClasses());
    }

    @Test
    void onlyACompositionRootNamesAHardwareAdapterOrSimulator() {
        JiaohaoRules.hardwareAdaptersOnlyInCompositionRoots(root()).check(mainClasses());
        JiaohaoRules.deviceLibrariesOnlyInAdapters("none").check(mainClasses());
    }

    @Test
    void everyMainInstallsTheUncaughtBugHandler() {
        JiaohaoRules.everyMainInstallsTheBugHandler(root()).check(mainClasses());
    }
}
