package dev.journeyboard.server.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Images are recognised by their bytes, with their dimensions; everything else is refused with a reason. */
class ImageTypeTest {

    @Test
    void pngJpegAndEveryKindOfWebpAreRecognisedWithTheirSize() throws Exception {
        assertThat(ImageType.sniff(Images.png(96, 80))).isEqualTo(new ImageType.Sniffed(ImageType.PNG, 96, 80));
        assertThat(ImageType.sniff(Images.jpeg(120, 90))).isEqualTo(new ImageType.Sniffed(ImageType.JPEG, 120, 90));
        assertThat(ImageType.sniff(Images.WEBP_LOSSY)).isEqualTo(new ImageType.Sniffed(ImageType.WEBP, 1, 1));
        assertThat(ImageType.sniff(Images.WEBP_LOSSLESS)).isEqualTo(new ImageType.Sniffed(ImageType.WEBP, 1, 1));
        assertThat(ImageType.sniff(Images.WEBP_ALPHA)).isEqualTo(new ImageType.Sniffed(ImageType.WEBP, 1, 1));
    }

    @Test
    void otherFormatsAreUnsupported() {
        for (String s : new String[] {"GIF89a\u0001\u0000\u0001\u0000", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                "<!doctype html><p>not a picture", "BM6\u0000\u0000\u0000"}) {
            assertThatThrownBy(() -> ImageType.sniff(s.getBytes(StandardCharsets.ISO_8859_1)))
                    .isInstanceOfSatisfying(ImageType.Refused.class, r -> assertThat(r.unsupported).isTrue())
                    .hasMessage("not a PNG, JPEG or WebP image");
        }
    }

    @Test
    void brokenOrHugeImagesOfOurFormatsAreRefusedWithWhy() {
        byte[] png = Images.png(10, 10);
        assertRefused(Arrays.copyOf(png, 20), "a broken PNG: no IHDR header");
        byte[] noWidth = png.clone();
        noWidth[16] = noWidth[17] = noWidth[18] = noWidth[19] = 0;
        assertRefused(noWidth, "a broken PNG: it has no size");
        byte[] huge = png.clone();
        huge[18] = 0x27; // width 10 -> 0x270A = 9994
        assertRefused(huge, "the image is 9994x10 pixels; at most 8192 a side");
        assertRefused(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, "a broken JPEG: no frame header");
        assertRefused(Arrays.copyOf(Images.WEBP_LOSSY, 26), "a broken WebP: too short");
        assertRefused(new byte[0], "the body is empty: send the image's bytes");
    }

    private static void assertRefused(byte[] bytes, String message) {
        assertThatThrownBy(() -> ImageType.sniff(bytes))
                .isInstanceOfSatisfying(ImageType.Refused.class, r -> assertThat(r.unsupported).isFalse())
                .hasMessage(message);
    }
}
