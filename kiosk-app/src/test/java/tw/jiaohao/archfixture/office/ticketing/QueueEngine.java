package tw.jiaohao.archfixture.office.ticketing;

/** Fixture: the coordinator of the fixture's domain. */
public class QueueEngine {
}
