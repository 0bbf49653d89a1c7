/**
 * Themes: {@code base.css} styles everything with looked-up colours only; {@code light.css} and
 * {@code dark.css} set just that palette. {@link io.osloscope.app.theme.Styles} holds the style classes and
 * pseudo-classes Java code may use. FX thread.
 */
package io.osloscope.app.theme;
