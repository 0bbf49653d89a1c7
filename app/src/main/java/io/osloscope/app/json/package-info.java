/**
 * The JSON editor of the fire panel and the inspector: {@link io.osloscope.app.json.JsonSyntax} finds the tokens
 * and foldable blocks of a text (plain Java, no toolkit); {@link io.osloscope.app.json.JsonEditor} is a RichTextFX
 * code area that colours them, numbers the lines and folds blocks. FX thread for the editor.
 */
package io.osloscope.app.json;
