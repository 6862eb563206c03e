package tw.jiaohao.archfixture.office.ticketing;

import tw.jiaohao.archfixture.office.ticketing.lifecycle.Lifecycle;

/** Fixture: an engine part beside Transitions that keeps its own decide/fold loop. */
public class FoldsItself {
    public Object closeAll(Object state, Iterable<Object> commands) {
        Object s = state;
        for (Object command : commands) {
            s = Lifecycle.apply(s, Lifecycle.decide(s, command));
        }
        return s;
    }
}
