package dev.journeyboard.server.persona;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Real image files for the tests: PNG and JPEG written by the JDK's encoders, WebP files made by libwebp. */
public final class Images {
    /** 1x1 WebP files as browsers feature-test them (made by libwebp's cwebp): lossy VP8, lossless VP8L, VP8X with alpha. */
    public static final byte[] WEBP_LOSSY = Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
    public static final byte[] WEBP_LOSSLESS = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    public static final byte[] WEBP_ALPHA = Base64.getDecoder().decode(
            "UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA==");

    private Images() {}

    public static byte[] png(int w, int h) {
        return encode(w, h, "png", BufferedImage.TYPE_INT_ARGB);
    }

    public static byte[] jpeg(int w, int h) {
        return encode(w, h, "jpg", BufferedImage.TYPE_INT_RGB);
    }

    private static byte[] encode(int w, int h, String format, int type) {
        var img = new BufferedImage(w, h, type);
        var g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0xffd8a8), w, h, new Color(0x7048e8)));
        g.fillRect(0, 0, w, h);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no " + format + " writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
