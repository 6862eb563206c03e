package tw.jiaohao.archfixture.office.ticketing;

/** Fixture: a part of the engine that reaches back into its coordinator. */
public class CallsBackTheEngine {
    public QueueEngine engine;
}
