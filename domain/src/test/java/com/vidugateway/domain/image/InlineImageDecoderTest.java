package com.vidugateway.domain.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InlineImageDecoderTest {

    private final byte[] png = TestImages.png(300, 200);
    private final String base64 = Base64.getEncoder().encodeToString(png);

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 64, 8191})
    void decodes_the_same_whatever_the_pieces_the_text_arrives_in(int piece) throws IOException {
        String uri = "data:image/png;base64," + base64;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InlineImageDecoder decoder = new InlineImageDecoder(bytes);
        char[] chars = uri.toCharArray();
        for (int at = 0; at < chars.length; at += piece) {
            decoder.write(chars, at, Math.min(piece, chars.length - at));
        }

        InlineImageDecoder.Result result = decoder.finish();

        assertThat(result.form()).isEqualTo(InlineImageDecoder.Form.DATA_URI);
        assertThat(result.dataUriPrefix()).isEqualTo("data:image/png;base64,");
        assertThat(result.problem()).isNull();
        assertThat(bytes.toByteArray()).isEqualTo(png);
        assertThat(result.size()).isEqualTo(png.length);
        assertThat(result.sha256()).isEqualTo(InlineImageDecoder.sha256Hex(png));
        assertThat(result.length()).isEqualTo(uri.length());
    }

    @Test
    void keeps_the_data_uri_header_exactly_as_written() throws IOException {
        InlineImageDecoder.Result result = InlineImageDecoder.decode("DATA:image/PNG;BASE64," + base64,
                new ByteArrayOutputStream());

        assertThat(result.dataUriPrefix()).isEqualTo("DATA:image/PNG;BASE64,");
    }

    @Test
    void tells_bare_base64_from_urls_and_text() throws IOException {
        assertThat(InlineImageDecoder.decode(base64, new ByteArrayOutputStream()).form())
                .isEqualTo(InlineImageDecoder.Form.BARE_BASE64);
        assertThat(InlineImageDecoder.decode("https://img.example.com/a.png", new ByteArrayOutputStream()).form())
                .isEqualTo(InlineImageDecoder.Form.NOT_INLINE);
        assertThat(InlineImageDecoder.decode("http://x", new ByteArrayOutputStream()).form())
                .isEqualTo(InlineImageDecoder.Form.NOT_INLINE);
        assertThat(InlineImageDecoder.decode("data:image/png,abc", new ByteArrayOutputStream()).form())
                .isEqualTo(InlineImageDecoder.Form.NOT_INLINE);
        assertThat(InlineImageDecoder.decode("", new ByteArrayOutputStream()).form())
                .isEqualTo(InlineImageDecoder.Form.NOT_INLINE);
    }

    @Test
    void finds_damage_far_after_the_header() throws IOException {
        int at = base64.length() - 40;
        String damaged = base64.substring(0, at) + "*" + base64.substring(at + 1);

        InlineImageDecoder.Result result = InlineImageDecoder.decode("data:image/png;base64," + damaged,
                new ByteArrayOutputStream());

        assertThat(result.problem().english()).contains("invalid character '*' at position " + at);
    }

    @Test
    void refuses_padding_in_the_middle_and_too_much_padding() throws IOException {
        assertThat(InlineImageDecoder.decode("AAAA==AA", new ByteArrayOutputStream()).problem().english())
                .contains("invalid character '=' at position 4");
        assertThat(InlineImageDecoder.decode("AA==", new ByteArrayOutputStream()).problem()).isNull();
        assertThat(InlineImageDecoder.decode("A===", new ByteArrayOutputStream()).problem().english())
                .contains("invalid character '=' at position 1");
    }

    @Test
    void counts_an_image_over_the_limit_without_keeping_all_of_it() throws IOException {
        byte[] big = new byte[(int) ImageRules.MAX_DECODED_BYTES + 30];
        String text = Base64.getEncoder().encodeToString(big);
        CountingStream sink = new CountingStream();

        InlineImageDecoder.Result result = InlineImageDecoder.decode(text, sink);

        assertThat(result.size()).isEqualTo(big.length);
        assertThat(sink.count).isEqualTo(ImageRules.MAX_DECODED_BYTES + 1);
    }

    private static final class CountingStream extends java.io.OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
