package io.osloscope.app.export;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** PNG and animated GIF files from JavaFX images, with the JDK's own image writers. */
public final class ImageFiles {
    private ImageFiles() {
    }

    public static void png(Image image, Path file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * An animated GIF that shows {@code frames} in turn, {@code delayMs} each (the last one {@code holdMs}), and
     * loops. Frames are drawn on white at the size of the largest, top-left aligned.
     */
    public static void gif(List<Image> frames, int delayMs, int holdMs, Path file) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to write");
        }
        int w = 0;
        int h = 0;
        for (Image f : frames) {
            w = Math.max(w, (int) f.getWidth());
            h = Math.max(h, (int) f.getHeight());
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                java.awt.Graphics2D g = frame.createGraphics();
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, w, h);
                g.drawImage(SwingFXUtils.fromFXImage(frames.get(i), null), 0, 0, null);
                g.dispose();
                int delay = i == frames.size() - 1 ? holdMs : delayMs;
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame),
                        writer.getDefaultWriteParam());
                animate(meta, delay, i == 0);
                writer.writeToSequence(new IIOImage(frame, null, meta), writer.getDefaultWriteParam());
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            writer.dispose();
        }
    }

    /** Frame delay (hundredths of a second) and, on the first frame, the loop-forever extension. */
    private static void animate(IIOMetadata meta, int delayMs, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0});
            apps.appendChild(loop);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
