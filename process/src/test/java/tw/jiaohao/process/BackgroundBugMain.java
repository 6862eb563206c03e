package tw.jiaohao.process;

import java.util.concurrent.CountDownLatch;

/** A program whose background thread hits a bug while its main thread waits forever, as a service's main does. */
public final class BackgroundBugMain {
    private BackgroundBugMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Bugs.exitOnUncaught("background-bug");
        Thread worker = new Thread(() -> {
            throw new IllegalStateException("a bug in a background loop");
        }, "worker");
        worker.start();
        new CountDownLatch(1).await();
    }
}
