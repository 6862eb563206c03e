package tw.jiaohao.hub.cases;

/** A case operation refused for the user: not found, not allowed, or not possible in the case's state. */
public final class CaseRefusal extends CasesException {
    public enum Why { NOT_FOUND, FORBIDDEN, CONFLICT, INVALID }

    private final Why why;

    public CaseRefusal(Why why, String message) {
        super(message);
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
