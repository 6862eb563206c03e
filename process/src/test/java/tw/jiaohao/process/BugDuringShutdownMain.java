package tw.jiaohao.process;

/** A program that exits with status 3 and whose shutdown hook hits a bug on the way out. */
public final class BugDuringShutdownMain {
    private BugDuringShutdownMain() {
    }

    public static void main(String[] args) {
        Bugs.exitOnUncaught("bug-during-shutdown");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            throw new IllegalStateException("a bug while closing");
        }, "closing"));
        System.exit(3);
    }
}
