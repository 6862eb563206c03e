package tw.jiaohao.office.kiosk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** An executor that can hold its tasks back, to keep an engine call "in flight" while a test touches again. */
final class GateExecutor implements Executor {
    private final Executor delegate;
    private final List<Runnable> held = new ArrayList<>();
    private boolean closed;

    GateExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (closed) {
            held.add(task);
        } else {
            delegate.execute(task);
        }
    }

    synchronized void hold() {
        closed = true;
    }

    synchronized int heldCount() {
        return held.size();
    }

    void release() {
        List<Runnable> run;
        synchronized (this) {
            closed = false;
            run = new ArrayList<>(held);
            held.clear();
        }
        run.forEach(delegate::execute);
    }
}
