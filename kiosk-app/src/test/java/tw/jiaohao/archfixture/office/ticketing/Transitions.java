package tw.jiaohao.archfixture.office.ticketing;

import tw.jiaohao.archfixture.office.ticketing.lifecycle.Lifecycle;

/** Fixture: the one part of the fixture's engine allowed to decide and fold. */
public class Transitions {
    public Object run(Object state, Object command) {
        return Lifecycle.apply(state, Lifecycle.decide(state, command));
    }
}
