/**
 * Benchmark mains (not tests): run them with exec:java from the test classpath, see each class.
 * They print figures; no assertion depends on timing.
 */
package io.osloscope.engine.bench;
