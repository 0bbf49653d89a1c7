package io.osloscope.engine.broker.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The publish side of one connection: a dedicated channel (so a publish error cannot break a
 * concurrent declare on the command channel), replaced transparently after the broker closes it.
 *
 * <p>With publisher confirms each publisher thread registers its sequence number and then waits
 * only for that number outside any lock, so several threads publishing on one connection
 * pipeline their messages instead of taking turns for a full round trip.
 *
 * <p>NOTE(innocent-publishes): a channel error (say 404 for an exchange someone else deleted)
 * kills every unconfirmed publish on that channel, including other threads' publishes to
 * healthy exchanges. Those are republished once on a fresh channel; the publish that caused the
 * error gets it. In that rare race a message may reach its queue twice (oslo deduplicates by
 * {@code _unique_id}).
 */
final class RabbitPublisher {
    private static final long CONFIRM_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Connection connection;
    private final boolean confirms;
    private final com.rabbitmq.client.ReturnListener returns;
    private final Consumer<MessagingException> channelErrors;
    private final Object lock = new Object();
    private volatile PublishChannel current;

    RabbitPublisher(Connection connection, boolean confirms, com.rabbitmq.client.ReturnListener returns,
                    Consumer<MessagingException> channelErrors) {
        this.connection = connection;
        this.confirms = confirms;
        this.returns = returns;
        this.channelErrors = channelErrors;
    }

    /** Publishes; with confirms, returns once the broker acknowledged. Throws translated exceptions. */
    void publish(String exchange, String routingKey, boolean mandatory, AMQP.BasicProperties props, byte[] body) {
        for (int attempt = 0; ; attempt++) {
            MessagingException failure = confirms
                    ? publishConfirmed(exchange, routingKey, mandatory, props, body)
                    : publishUnconfirmed(exchange, routingKey, mandatory, props, body);
            if (failure == null) {
                return;
            }
            if (attempt > 0 || !retryable(failure, exchange)) {
                throw failure;
            }
        }
    }

    private MessagingException publishUnconfirmed(String exchange, String routingKey, boolean mandatory,
                                                  AMQP.BasicProperties props, byte[] body) {
        PublishChannel pc = channel();
        try {
            pc.channel.basicPublish(exchange, routingKey, mandatory, props, body);
            return null;
        } catch (IOException | ShutdownSignalException e) {
            return RabbitErrors.translate(pc.closeCause == null ? e : pc.closeCause);
        }
    }

    private MessagingException publishConfirmed(String exchange, String routingKey, boolean mandatory,
                                                AMQP.BasicProperties props, byte[] body) {
        Pending pending = new Pending(exchange);
        synchronized (lock) {
            PublishChannel pc = channel();
            long seqNo = pc.channel.getNextPublishSeqNo();
            pc.pending.put(seqNo, pending);
            try {
                pc.channel.basicPublish(exchange, routingKey, mandatory, props, body);
            } catch (IOException | ShutdownSignalException e) {
                pc.pending.remove(seqNo);
                return RabbitErrors.translate(pc.closeCause == null ? e : pc.closeCause);
            }
        }
        return pending.await();
    }

    /**
     * A closed channel is retried once when the failure was not this publish's fault: the channel
     * was already dead (a previous publish's error arrived asynchronously) or the error names another exchange.
     */
    private boolean retryable(MessagingException failure, String exchange) {
        if (!(failure instanceof AmqpException amqp)) {
            return false;
        }
        return connection.isOpen() && !amqp.replyText().contains("'" + exchange + "'");
    }

    private PublishChannel channel() {
        PublishChannel pc = current;
        if (pc != null && pc.channel.isOpen()) {
            return pc;
        }
        synchronized (lock) {
            pc = current;
            if (pc == null || !pc.channel.isOpen()) {
                pc = open();
                current = pc;
            }
            return pc;
        }
    }

    private PublishChannel open() {
        try {
            Channel ch = connection.createChannel();
            if (ch == null) {
                throw new TransportConnectionException("the broker has no free channel on this connection");
            }
            PublishChannel pc = new PublishChannel(ch);
            ch.addReturnListener(returns);
            ch.addShutdownListener(pc::shutdown);
            if (confirms) {
                ch.addConfirmListener(pc);
                ch.confirmSelect();
            }
            return pc;
        } catch (IOException | ShutdownSignalException e) {
            throw RabbitErrors.translate(e);
        }
    }

    void close() {
        PublishChannel pc = current;
        if (pc != null && pc.channel.isOpen()) {
            try {
                pc.channel.close();
            } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException ignored) {
                // NOTE(close): the connection is closing anyway; nothing a caller could do.
            }
        }
    }

    private final class PublishChannel implements ConfirmListener {
        final Channel channel;
        final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
        volatile ShutdownSignalException closeCause;

        PublishChannel(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void handleAck(long seqNo, boolean multiple) {
            settle(seqNo, multiple, null);
        }

        @Override
        public void handleNack(long seqNo, boolean multiple) {
            settle(seqNo, multiple, new MessagingException(
                    "the broker refused the message (publisher confirm nack); it was not enqueued"));
        }

        private void settle(long seqNo, boolean multiple, MessagingException outcome) {
            if (multiple) {
                Map<Long, Pending> done = pending.headMap(seqNo, true);
                for (Pending p : done.values()) {
                    p.complete(outcome);
                }
                done.clear();
            } else {
                Pending p = pending.remove(seqNo);
                if (p != null) {
                    p.complete(outcome);
                }
            }
        }

        void shutdown(ShutdownSignalException cause) {
            closeCause = cause;
            MessagingException failure = RabbitErrors.translate(cause);
            if (failure instanceof AmqpException) {
                channelErrors.accept(failure);
            }
            for (Pending p : pending.values()) {
                p.complete(failure);
            }
            pending.clear();
        }
    }

    /** One unconfirmed publish; its thread parks until the broker answers. */
    private static final class Pending {
        final String exchange;
        final Thread waiter = Thread.currentThread();
        volatile boolean done;
        volatile MessagingException failure;

        Pending(String exchange) {
            this.exchange = exchange;
        }

        void complete(MessagingException outcome) {
            failure = outcome;
            done = true;
            LockSupport.unpark(waiter);
        }

        MessagingException await() {
            long deadline = System.nanoTime() + CONFIRM_TIMEOUT_NANOS;
            while (!done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new TransportConnectionException("no publisher confirm for a message to exchange '"
                            + exchange + "' within 60 s");
                }
                LockSupport.parkNanos(this, left);
            }
            return failure;
        }
    }
}
