package io.osloscope.app.export;

import io.osloscope.app.sequence.SequenceView;
import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.topology.FakeNova;
import io.osloscope.app.topology.NovaOnMemory;
import io.osloscope.app.topology.EventOnlyBroker;
import io.osloscope.app.topology.TopologyView;
import io.osloscope.engine.observe.BrokerEvents;
import io.osloscope.engine.observe.EngineEvent;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The slide exports are files a slide tool opens: PNG decodes, SVG is XML with the names drawn, GIF animates. */
@ExtendWith(ApplicationExtension.class)
class SlideExportTest {
    private TopologyView topology;
    private SequenceView flow;
    private NovaOnMemory nova;

    @Start
    void start(Stage stage) {
        nova = new NovaOnMemory(2);
        topology = new TopologyView(new EventOnlyBroker());
        flow = new SequenceView();
        HBox both = new HBox(topology.getRoot(), flow.getRoot());
        stage.setScene(ThemeSwitcher.themed(new Scene((Parent) both, 1400, 760), ThemeSwitcher.Theme.DARK));
        stage.show();
    }

    @Stop
    void stop() {
        nova.close();
    }

    @Test
    void topologyAsSvgHoldsTheNamesOfItsNodesAndAsPngDecodes(@TempDir Path dir) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> topology.onEvents(FakeNova.topology(3))).get(30, TimeUnit.SECONDS);
        Path svg = dir.resolve("t.svg");
        Path png = dir.resolve("t.png");
        WaitForAsyncUtils.asyncFx(() -> {
            topology.exportSvg(svg);
            topology.exportPng(png);
        }).get(30, TimeUnit.SECONDS);

        Set<String> texts = svgTexts(svg);
        assertTrue(texts.containsAll(List.of("nova", "compute.host1", "nova-compute")), texts.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 300 && image.getHeight() > 200, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void aFlowExportsAsSvgPngAndAGifWithAFramePerMessage(@TempDir Path dir) throws Exception {
        nova.drain();
        nova.bootFlow("host2", "req-1");
        List<EngineEvent> events = new ArrayList<>();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            events.addAll(nova.drain());
            return events.stream().filter(e -> e instanceof BrokerEvents.MessageDelivered).count() >= 4;
        });
        Path svg = dir.resolve("f.svg");
        Path png = dir.resolve("f.png");
        Path gif = dir.resolve("f.gif");
        WaitForAsyncUtils.asyncFx(() -> {
            flow.show(events);
            flow.exportSvg(svg);
            flow.exportPng(png);
            flow.exportGif(gif);
        }).get(60, TimeUnit.SECONDS);

        Set<String> texts = svgTexts(svg);
        assertTrue(texts.containsAll(List.of("nova-api", "nova-scheduler", "call select_destinations")), texts.toString());
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 300);
        int steps = flow.diagram().steps().size();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(steps + 1, reader.getNumImages(true), "the lanes, then one frame per message");
        }
        assertEquals(steps, flow.visibleTextList().stream().filter(t -> t.startsWith("+")).count(),
                "the Flow tab shows the whole flow again after the GIF");
    }

    private static Set<String> svgTexts(Path svg) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        NodeList texts = doc.getElementsByTagName("text");
        Set<String> out = new HashSet<>();
        for (int i = 0; i < texts.getLength(); i++) {
            out.add(texts.item(i).getTextContent().trim().replaceFirst("^[▸▾] ", ""));
        }
        return out;
    }
}
