package org.sparsemixerlab.render;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Encodes XChart charts and hand-painted figures as PNG bytes, base64 PNG (what Jupyter's {@code
 * image/png} wants) and SVG text. Everything is headless: no window is ever opened.
 */
public final class ChartImages {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartImages() {
    }

    /** PNG bytes of a chart at its own width and height. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as PNG: " + e.getMessage(), e);
        }
    }

    /**
     * SVG text of a chart, sized in CSS pixels like its PNG. XChart draws text as outlines, so the
     * title and series names also go into the SVG's {@code <title>} and {@code <desc>} (read by
     * screen readers and searchable).
     */
    public static String svg(Chart<?, ?> chart) {
        return svg(chart.getWidth(), chart.getHeight(), g -> chart.paint(g, chart.getWidth(), chart.getHeight()),
                SmlRenderersExtension.chartText(chart));
    }

    /** An image of {@code width x height} painted by {@code painter} on a white, antialiased canvas. */
    public static BufferedImage paint(int width, int height, Consumer<Graphics2D> painter) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * SVG text of a figure painted by {@code painter} on a {@code width x height} page, its first line
     * of {@code description} as the SVG's {@code <title>} and all of it as its {@code <desc>}.
     */
    public static String svg(int width, int height, Consumer<Graphics2D> painter, String description) {
        String svg = svg(width, height, painter);
        int open = svg.indexOf("<svg");
        int end = open < 0 ? -1 : svg.indexOf('>', open);
        if (end < 0 || description == null || description.isBlank()) {
            return svg;
        }
        String first = description.strip().split("\n", 2)[0];
        return svg.substring(0, end + 1) + "\n  <title>" + HtmlTable.escape(first) + "</title>\n  <desc>"
                + HtmlTable.escape(description.strip()) + "</desc>" + svg.substring(end + 1);
    }

    /** SVG text of a figure painted by {@code painter} on a {@code width x height} page. */
    public static String svg(int width, int height, Consumer<Graphics2D> painter) {
        VectorGraphics2D g = new VectorGraphics2D();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        painter.accept(g);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write SVG: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the image as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Base64 of PNG bytes, the form Jupyter's {@code image/png} output holds. */
    public static String base64(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }
}
