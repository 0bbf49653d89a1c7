package io.osloscope.engine.broker.routing;

import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.sniff.health.HealthHint;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's explanations in another language: the same decision, its sentence in Chinese, the names quoted as
 * they are; without a language (what events, recordings and the command line carry) English, whatever the
 * default locale is.
 */
class EngineTextsTest {
    @Test
    void aTopicDecisionIsExplainedInChineseWithTheSameResult() {
        BindingRule rule = new BindingRule("nova", ExchangeType.TOPIC, "compute.compute1", "compute.compute1", Map.of());
        BindingMatch en = rule.judge("compute.compute1", Map.of());
        BindingMatch zh = rule.judge("compute.compute1", Map.of(), Locale.SIMPLIFIED_CHINESE);
        assertEquals("topic pattern 'compute.compute1' equals 'compute.compute1'", en.reason());
        assertEquals(en.matched(), zh.matched());
        assertEquals("topic 模式 'compute.compute1' 等于 'compute.compute1'", zh.reason());
        BindingRule wild = new BindingRule("nova", ExchangeType.TOPIC, "q", "compute.*", Map.of());
        assertEquals("topic 模式 'compute.*' 匹配 'compute.c1'：'*' 匹配了 'c1'",
                wild.judge("compute.c1", Map.of(), Locale.SIMPLIFIED_CHINESE).reason());
        assertEquals("默认 exchange：routing key 即队列名 'reply_1'",
                BindingRule.defaultExchange("reply_1", Locale.SIMPLIFIED_CHINESE).reason());
    }

    @Test
    void withoutALanguageTheEngineStaysEnglishUnderAChineseDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            BindingRule rule = new BindingRule("nova", ExchangeType.DIRECT, "q", "a", Map.of());
            assertEquals("key 'b' ≠ binding 'a'", rule.judge("b", Map.of()).reason());
            assertEquals(HealthHint.Kind.TIMEOUTS.why(), HealthHint.Kind.TIMEOUTS.why(Locale.ROOT));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void everyHealthHintSaysWhyAndWhatToDoInChinese() {
        for (HealthHint.Kind k : HealthHint.Kind.values()) {
            String why = k.why(Locale.SIMPLIFIED_CHINESE);
            String action = k.action(Locale.SIMPLIFIED_CHINESE);
            assertTrue(why.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    k + " why: " + why);
            assertTrue(action.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    k + " action: " + action);
            assertEquals(k.why(), k.why(Locale.ENGLISH));
            assertFalse(k.action().equals(action), k.toString());
        }
    }
}
