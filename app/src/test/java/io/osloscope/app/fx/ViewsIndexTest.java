package io.osloscope.app.fx;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@link Views} index is true: every view it lists with FXML has that file, the file names a controller class
 * that exists, and every {@code %key} text in it is found in the view's bundle. Checked without the toolkit, so a
 * renamed file or a missing text fails here rather than as a blank panel at run time.
 */
class ViewsIndexTest {

    @ParameterizedTest
    @EnumSource(Views.class)
    void everyIndexedFxmlExistsNamesItsControllerAndHasItsTexts(Views view) throws Exception {
        if (view.fxml() == null) {
            assertEquals(Views.TOPOLOGY, view, "only the topology graph is drawn without FXML");
            return;
        }
        Document doc;
        try (InputStream in = Views.class.getResourceAsStream(view.fxml())) {
            assertNotNull(in, view + " points at " + view.fxml() + ", which is not on the class path");
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            doc = f.newDocumentBuilder().parse(in);
        }
        Element root = doc.getDocumentElement();
        String controller = root.getAttributeNS("http://javafx.com/fxml/1", "controller");
        if (controller.isEmpty()) {
            controller = root.getAttribute("fx:controller");
        }
        assertTrue(!controller.isEmpty(), view.fxml() + " names no fx:controller");
        Class.forName(controller, false, getClass().getClassLoader());

        List<String> keys = new ArrayList<>();
        collectKeys(root, keys);
        if (keys.isEmpty()) {
            return;
        }
        String base = view.fxml().replaceFirst("^/", "").replaceFirst("\\.fxml$", "").replace('/', '.');
        ResourceBundle bundle;
        try {
            bundle = ResourceBundle.getBundle(base);
        } catch (MissingResourceException e) {
            fail(view.fxml() + " uses %" + keys.get(0) + " but has no " + base + ".properties");
            return;
        }
        for (String key : keys) {
            assertTrue(bundle.containsKey(key), view.fxml() + " uses %" + key + ", missing from its bundle");
        }
    }

    private static void collectKeys(Element e, List<String> keys) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            String v = attrs.item(i).getNodeValue();
            if (v.startsWith("%") && v.length() > 1) {
                keys.add(v.substring(1));
            }
        }
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                collectKeys(child, keys);
            }
        }
    }
}
