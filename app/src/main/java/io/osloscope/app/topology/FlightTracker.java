package io.osloscope.app.topology;

import io.osloscope.app.topology.model.MessageKind;
import io.osloscope.app.topology.model.ServiceId;
import io.osloscope.app.topology.model.TopologyModel;
import io.osloscope.app.topology.model.VisibleGraph;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.BrokerEvents.MessageReturned;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.wire.MessageSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows recent messages (publish → routing → delivery, by {@code messageRef}) and turns what a
 * batch revealed about each into token routes. Remembers the last {@link #REMEMBERED} messages so
 * that a later batch continues a flight, and so that {@link #pathOf} can highlight one.
 */
final class FlightTracker {
    static final int REMEMBERED = 2048;
    private static final int MAX_MESSAGES_PER_BATCH = 200;
    private static final int MAX_BRANCHES = 12;

    private static final class Flight {
        MessageKind kind = MessageKind.OTHER;
        String method;
        String publisher;
        String exchange;
        final Set<String> path = new LinkedHashSet<>();
        // per batch
        boolean publishedNow;
        boolean returnedNow;
        final Set<String> routedNow = new LinkedHashSet<>();
        final Map<String, String> deliveredNow = new LinkedHashMap<>();
    }

    private final TopologyModel model;
    private final TokenLayer tokens;
    private final Map<Long, Flight> flights = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Flight> eldest) {
            return size() > REMEMBERED;
        }
    };

    FlightTracker(TopologyModel model, TokenLayer tokens) {
        this.model = model;
        this.tokens = tokens;
    }

    void animate(List<EngineEvent> batch, VisibleGraph graph, TopologyRenderer renderer) {
        Map<Long, Flight> touched = new LinkedHashMap<>();
        for (EngineEvent e : batch) {
            long ref = refOf(e);
            if (ref == 0 || (touched.size() >= MAX_MESSAGES_PER_BATCH && !touched.containsKey(ref))) {
                continue;
            }
            Flight f = flights.computeIfAbsent(ref, r -> new Flight());
            touched.put(ref, f);
            if (e instanceof MessagePublished p) {
                MessageSummary m = p.message() == null ? null : p.message().summary();
                f.kind = MessageKind.of(m);
                f.method = m == null ? null : m.displayMethod();
                f.publisher = graph.publisherNodes().get(model.ownerOf(p.connection()).binary());
                f.exchange = graph.exchangeNodes().get(p.exchange() == null ? "" : p.exchange());
                f.publishedNow = true;
                addPath(f, f.publisher, f.exchange);
            } else if (e instanceof MessageRouted r) {
                if (f.exchange == null) {
                    f.exchange = graph.exchangeNodes().get(r.exchange());
                }
                if ("fanout".equals(r.exchangeType())) {
                    f.kind = MessageKind.FANOUT;
                }
                for (String q : r.queues()) {
                    String node = graph.queueNodes().get(q);
                    if (node != null) {
                        f.routedNow.add(node);
                        addPath(f, node);
                    }
                }
            } else if (e instanceof MessageDelivered d) {
                if (f.kind == MessageKind.OTHER) {
                    MessageSummary m = d.message() == null ? null : d.message().summary();
                    f.kind = MessageKind.of(m);
                    f.method = m == null ? null : m.displayMethod();
                }
                String qNode = graph.queueNodes().get(d.queue());
                String consumer = consumerFor(qNode, model.ownerOf(d.connection()), graph, renderer);
                if (qNode != null && consumer != null) {
                    f.deliveredNow.put(qNode, consumer);
                    addPath(f, qNode, consumer);
                }
            } else if (e instanceof MessageReturned r) {
                f.kind = MessageKind.FAILURE;
                f.method = "returned: " + r.replyText();
                f.returnedNow = true;
            }
        }
        tokens.setLabelsShown(tokens.activeCount() < 10);
        for (Flight f : touched.values()) {
            launch(f, renderer);
            f.publishedNow = false;
            f.returnedNow = false;
            f.routedNow.clear();
            f.deliveredNow.clear();
        }
    }

    private void launch(Flight f, TopologyRenderer renderer) {
        String text = f.method == null ? f.kind.label() : f.kind.label() + " " + f.method;
        if (f.returnedNow) {
            route(f, text, renderer, f.exchange, f.publisher);
            return;
        }
        Set<String> queues = new LinkedHashSet<>(f.routedNow);
        queues.addAll(f.deliveredNow.keySet());
        if (queues.isEmpty()) {
            if (f.publishedNow) {
                route(f, text, renderer, f.publisher, f.exchange);
            }
            return;
        }
        int branches = 0;
        for (String q : queues) {
            if (branches++ >= MAX_BRANCHES) {
                break;
            }
            List<String> hops = new ArrayList<>();
            if (f.routedNow.contains(q)) {
                if (f.publishedNow) {
                    hops.add(f.publisher);
                }
                hops.add(f.exchange);
            }
            hops.add(q);
            hops.add(f.deliveredNow.get(q));
            route(f, text, renderer, hops.toArray(String[]::new));
        }
    }

    private void route(Flight f, String text, TopologyRenderer renderer, String... hops) {
        List<String> ids = new ArrayList<>();
        for (String h : hops) {
            if (h != null) {
                ids.add(h);
            }
        }
        List<TokenLayer.Curve> curves = new ArrayList<>();
        for (int i = 0; i + 1 < ids.size(); i++) {
            if (i > 0) {
                TokenLayer.Curve across = renderer.across(ids.get(i));
                if (across != null) {
                    curves.add(across);
                }
            }
            TokenLayer.Curve c = renderer.curve(ids.get(i), ids.get(i + 1));
            if (c != null) {
                curves.add(c);
            }
        }
        tokens.launch(f.kind, text, f.kind + ":" + String.join(">", ids), curves);
    }

    private static String consumerFor(String queueNode, ServiceId owner, VisibleGraph graph, TopologyRenderer renderer) {
        if (queueNode == null) {
            return null;
        }
        List<String> drawn = renderer.consumersOf(queueNode);
        String anchor = graph.serviceAnchors().get(owner);
        if (anchor != null && (drawn.isEmpty() || drawn.contains(anchor))) {
            return anchor;
        }
        for (String d : drawn) {
            if (d.equals("svc:" + owner.binary()) || d.startsWith("svc:" + owner.binary() + "@")) {
                return d;
            }
        }
        return drawn.isEmpty() ? graph.serviceAnchors().get(new ServiceId(owner.binary(), null)) : drawn.get(0);
    }

    private static void addPath(Flight f, String... ids) {
        for (String id : ids) {
            if (id != null) {
                f.path.add(id);
            }
        }
    }

    /** Node ids a remembered message passed through; empty when it is unknown or forgotten. */
    Set<String> pathOf(long ref) {
        Flight f = flights.get(ref);
        return f == null ? Set.of() : Set.copyOf(f.path);
    }

    private static long refOf(EngineEvent e) {
        if (e instanceof MessagePublished p) {
            return p.messageRef();
        }
        if (e instanceof MessageRouted r) {
            return r.messageRef();
        }
        if (e instanceof MessageDelivered d) {
            return d.messageRef();
        }
        if (e instanceof MessageReturned r) {
            return r.messageRef();
        }
        return 0;
    }
}
