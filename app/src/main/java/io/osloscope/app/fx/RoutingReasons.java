package io.osloscope.app.fx;

import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.routing.BindingRule;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;

import java.util.Locale;
import java.util.Map;

/**
 * Why a binding matched, in the window's language. The broker's events carry the engine's English sentence (as
 * recordings and the command line do); for another language the engine's rule is asked again for its sentence:
 * same rule, same decision. Headers bindings, whose arguments the event does not carry, keep the event's sentence.
 */
public final class RoutingReasons {
    private RoutingReasons() {
    }

    /** {@code b}'s reason for a publish to {@code exchange} (of {@code exchangeType}) with {@code routingKey}. */
    public static String of(String exchange, String exchangeType, String routingKey, BindingMatch b) {
        Locale language = Texts.of(Views.class).bundle().getLocale();
        if (language.getLanguage().isEmpty() || language.getLanguage().equals("en") || b.reason() == null) {
            return b.reason();
        }
        try {
            if (exchange == null || exchange.isEmpty()) {
                return BindingRule.defaultExchange(b.destination(), language).reason();
            }
            ExchangeType type = ExchangeType.fromAmqpName(exchangeType);
            if (type == ExchangeType.HEADERS) {
                return b.reason();
            }
            BindingMatch again = new BindingRule(exchange, type, b.destination(), b.bindingKey(), Map.of())
                    .judge(routingKey, Map.of(), language);
            return again.matched() == b.matched() ? again.reason() : b.reason();
        } catch (RuntimeException e) {
            return b.reason();
        }
    }
}
