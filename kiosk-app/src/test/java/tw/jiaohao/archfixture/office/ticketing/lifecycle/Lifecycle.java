package tw.jiaohao.archfixture.office.ticketing.lifecycle;

/** Fixture: the pure ticket lifecycle of the fixture's domain. */
public final class Lifecycle {
    private Lifecycle() {
    }

    public static Object decide(Object state, Object command) {
        return command;
    }

    public static Object apply(Object state, Object event) {
        return state;
    }
}
