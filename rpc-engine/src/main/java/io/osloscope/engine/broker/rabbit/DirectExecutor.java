package io.osloscope.engine.broker.rabbit;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs each task on the calling thread. Given to amqp-client as the consumer work executor of a
 * connection opened with {@code directDispatch}: its consumer dispatcher then calls our consumers
 * on the connection's I/O thread (still one channel's callbacks at a time, in order). Never
 * shut down: it owns no threads.
 */
final class DirectExecutor extends AbstractExecutorService {
    static final DirectExecutor INSTANCE = new DirectExecutor();

    private DirectExecutor() {
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
