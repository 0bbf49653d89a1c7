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
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The publish side of one connection: a dedicated channel (so a publish error cannot break a
 * concurrent declare on the command channel), replaced transparently after the broker closes it.
 *
 * <p>With publisher confirms every publish is registered under its sequence number before it is
 * sent; the broker's {@code basic.ack} (single or {@code multiple}) completes it, a
 * {@code basic.nack} or the channel closing fails it. {@link #publishAsync} hands back that
 * outcome as a future and returns as soon as the frame is written; {@link #publish} waits for
 * it. Several threads publishing on one connection pipeline their messages instead of taking
 * turns for a full round trip.
 *
 * <p>Threads: futures complete successfully (and on a nack) on the connection's I/O thread, so
 * their dependents must not block; a publish retried after a channel error (below) is resent
 * from {@code retries}, never from the I/O thread, which must stay free to open the new channel.
 *
 * <p>NOTE(innocent-publishes): a channel error (say 404 for an exchange someone else deleted)
 * kills every unconfirmed publish on that channel, including other threads' publishes to
 * healthy exchanges. Those are republished once on a fresh channel; the publish that caused the
 * error gets it. In that rare race a message may reach its queue twice (oslo deduplicates by
 * {@code _unique_id}).
 *
 * <p>NOTE(unconfirmed-errors): without confirms the broker reports such an error after
 * {@code publish} returned, so that one message is lost, as any unconfirmed AMQP publish may be.
 * The shutdown is noticed at once: the exchange is forgotten (the next publish to it re-checks it
 * and fails with 404), and a publish that meets the dead channel is retried on a fresh one unless
 * the error names its own exchange.
 */
final class RabbitPublisher {
    private static final long CONFIRM_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Connection connection;
    private final RabbitSettings settings;
    private final boolean confirms;
    private final com.rabbitmq.client.ReturnListener returns;
    private final Consumer<MessagingException> channelErrors;
    private final Executor retries;
    private final Object lock = new Object();
    private volatile PublishChannel current;

    RabbitPublisher(Connection connection, RabbitSettings settings, boolean confirms,
                    com.rabbitmq.client.ReturnListener returns, Consumer<MessagingException> channelErrors,
                    Executor retries) {
        this.connection = connection;
        this.settings = settings;
        this.confirms = confirms;
        this.returns = returns;
        this.channelErrors = channelErrors;
        this.retries = retries;
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

    /** Publishes; with confirms, returns once the broker acknowledged. Throws translated exceptions. */
    void publish(String exchange, String routingKey, boolean mandatory, AMQP.BasicProperties props, byte[] body) {
        CompletableFuture<Void> confirmed = publishAsync(exchange, routingKey, mandatory, props, body);
        if (confirmed.isDone() && !confirmed.isCompletedExceptionally()) {
            return;
        }
        try {
            confirmed.get(CONFIRM_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw RabbitErrors.translate(e.getCause(), settings);
        } catch (TimeoutException e) {
            throw new TransportConnectionException("no publisher confirm for a message to exchange '"
                    + exchange + "' within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting for a publisher confirm");
        }
    }

    /**
     * Writes the message and returns without waiting for the broker. Failures known at once (the
     * channel or connection is already closed) are thrown; the future completes when the broker
     * confirmed, at once without confirms, and fails on a nack ({@link MessagingException}) or
     * when the channel or connection closes first ({@link AmqpException},
     * {@link TransportConnectionException}).
     */
    CompletableFuture<Void> publishAsync(String exchange, String routingKey, boolean mandatory,
                                         AMQP.BasicProperties props, byte[] body) {
        Attempt a = new Attempt(exchange, routingKey, mandatory, props, body);
        MessagingException failure = a.send();
        if (failure != null && retryable(failure, exchange)) {
            a.retried = true;
            failure = a.send();
        }
        if (failure != null) {
            throw failure;
        }
        return a.future;
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
            throw RabbitErrors.translate(e, settings);
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
        /**
         * Unconfirmed publishes in sequence order (added under {@code lock}, which hands out the numbers in
         * order); guarded by itself and held only to add or take entries, never while a frame is written.
         */
        final ArrayDeque<Attempt> pending = new ArrayDeque<>();
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
            Attempt one = null;
            Attempt[] many = null;
            synchronized (pending) {
                Attempt head = pending.peekFirst();
                if (head == null) {
                    return;
                }
                if (!multiple) {
                    if (head.seqNo == seqNo) {
                        one = pending.pollFirst();
                    } else {
                        // NOTE(confirm-order): a single confirm not at the head (several queues answered out of order)
                        for (var it = pending.iterator(); it.hasNext(); ) {
                            Attempt a = it.next();
                            if (a.seqNo == seqNo) {
                                it.remove();
                                one = a;
                                break;
                            }
                        }
                    }
                } else if (pending.peekLast().seqNo <= seqNo) {
                    many = pending.toArray(new Attempt[0]);
                    pending.clear();
                } else {
                    int n = 0;
                    for (Attempt a : pending) {
                        if (a.seqNo > seqNo) {
                            break;
                        }
                        n++;
                    }
                    many = new Attempt[n];
                    for (int i = 0; i < n; i++) {
                        many[i] = pending.pollFirst();
                    }
                }
            }
            if (one != null) {
                one.settled(outcome);
            }
            if (many != null) {
                for (Attempt a : many) {
                    a.settled(outcome);
                }
            }
        }

        void shutdown(ShutdownSignalException cause) {
            closeCause = cause;
            MessagingException failure = RabbitErrors.translate(cause, settings);
            if (failure instanceof AmqpException) {
                channelErrors.accept(failure);
            }
            Attempt[] unconfirmed;
            synchronized (pending) {
                unconfirmed = pending.toArray(new Attempt[0]);
                pending.clear();
            }
            for (Attempt a : unconfirmed) {
                a.channelClosed(failure);
            }
        }
    }

    /** One message on its way: sent at most twice (see NOTE(innocent-publishes)); its future tells the outcome. */
    private final class Attempt {
        final String exchange;
        final String routingKey;
        final boolean mandatory;
        final AMQP.BasicProperties props;
        final byte[] body;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        volatile boolean retried;
        /** Its publisher-confirm sequence number on the channel it was last sent on (read under that channel's pending). */
        long seqNo;

        Attempt(String exchange, String routingKey, boolean mandatory, AMQP.BasicProperties props, byte[] body) {
            this.exchange = exchange;
            this.routingKey = routingKey;
            this.mandatory = mandatory;
            this.props = props;
            this.body = body;
        }

        /** Writes the frame; returns the failure when it could not be written. */
        MessagingException send() {
            if (!confirms) {
                PublishChannel pc = channel();
                try {
                    pc.channel.basicPublish(exchange, routingKey, mandatory, props, body);
                    future.complete(null);
                    return null;
                } catch (IOException | ShutdownSignalException e) {
                    return RabbitErrors.translate(pc.closeCause == null ? e : pc.closeCause, settings);
                }
            }
            synchronized (lock) {
                PublishChannel pc = channel();
                synchronized (pc.pending) {
                    seqNo = pc.channel.getNextPublishSeqNo();
                    pc.pending.addLast(this);
                }
                try {
                    pc.channel.basicPublish(exchange, routingKey, mandatory, props, body);
                    return null;
                } catch (IOException | ShutdownSignalException e) {
                    synchronized (pc.pending) {
                        pc.pending.removeLastOccurrence(this);
                    }
                    return RabbitErrors.translate(pc.closeCause == null ? e : pc.closeCause, settings);
                }
            }
        }

        /** The broker answered: null for ack. Runs on the I/O thread. */
        void settled(MessagingException outcome) {
            if (outcome == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(outcome);
            }
        }

        /** The channel closed before the broker answered. Runs on the I/O thread (or the closing one). */
        void channelClosed(MessagingException failure) {
            if (retried || !retryable(failure, exchange)) {
                future.completeExceptionally(failure);
                return;
            }
            retried = true;
            try {
                retries.execute(() -> {
                    MessagingException again;
                    try {
                        again = send();
                    } catch (RuntimeException e) {
                        again = RabbitErrors.translate(e, settings);
                    }
                    if (again != null) {
                        future.completeExceptionally(again);
                    }
                });
            } catch (RejectedExecutionException e) {
                future.completeExceptionally(failure);
            }
        }
    }
}
