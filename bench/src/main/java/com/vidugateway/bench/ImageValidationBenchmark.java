package com.vidugateway.bench;

import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.validation.Validation;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 2's target: validating a request with one inline image costs the same whatever the image's size.
 * A 50 MiB and a 50 KiB image of the same format are validated in the same run; compare their times (at
 * most 2×) and their gc.alloc.rate.norm (the 50 MiB one at most 64 KiB more, the input string excluded:
 * it is built in setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ImageValidationBenchmark {

    @Param({"PNG", "JPEG"})
    public String format;

    /** Decoded size of the image file: 50 KiB and exactly 50 MiB, the largest the provider takes. */
    @Param({"51200", "52428800"})
    public int bytes;

    private VideoRequestDraft draft;

    @Setup(Level.Trial)
    public void makeImage() throws IOException {
        byte[] image = format.equals("PNG") ? png(bytes) : jpeg(bytes);
        String type = format.equals("PNG") ? "png" : "jpeg";
        String dataUri = "data:image/" + type + ";base64," + Base64.getEncoder().encodeToString(image);
        draft = VideoRequestDraft.builder().model("viduq2").images(dataUri).prompt("make it dance").build();
        Validation<VideoRequest> check = VideoRequest.from(draft, ModelCatalogue.STANDARD);
        if (!check.isValid()) {
            throw new IllegalStateException("benchmark input must be valid: " + check.violations());
        }
    }

    @Benchmark
    public Validation<VideoRequest> validate() {
        return VideoRequest.from(draft, ModelCatalogue.STANDARD);
    }

    /** A real PNG (noise, 128×128) grown to {@code size} with a private ancillary chunk, as decoders allow. */
    static byte[] png(int size) throws IOException {
        byte[] encoded = encode(noise(128, 128), "png");
        int iend = encoded.length - 12;
        int padding = size - encoded.length - 12;
        if (padding < 0) {
            throw new IllegalStateException("a " + size + "-byte PNG is smaller than its pixels");
        }
        byte[] type = "prVt".getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[padding];
        new Random(1).nextBytes(data);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(encoded, 0, iend).putInt(padding).put(type).put(data).putInt((int) crc.getValue());
        out.put(encoded, iend, 12);
        return out.array();
    }

    /** A real JPEG (noise, 160×128) with an EXIF segment before its frame header, padded after EOI to {@code size}. */
    static byte[] jpeg(int size) throws IOException {
        byte[] encoded = encode(noise(160, 128), "jpg");
        byte[] exif = new byte[4 + 6 + 1000];
        exif[0] = (byte) 0xFF;
        exif[1] = (byte) 0xE1;
        exif[2] = (byte) ((exif.length - 2) >> 8);
        exif[3] = (byte) (exif.length - 2);
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 4, 6);
        if (encoded.length + exif.length > size) {
            throw new IllegalStateException("a " + size + "-byte JPEG is smaller than its pixels");
        }
        byte[] out = Arrays.copyOf(new byte[0], size);
        System.arraycopy(encoded, 0, out, 0, 2);
        System.arraycopy(exif, 0, out, 2, exif.length);
        System.arraycopy(encoded, 2, out, 2 + exif.length, encoded.length - 2);
        Random random = new Random(2);
        for (int i = encoded.length + exif.length; i < size; i++) {
            out[i] = (byte) random.nextInt();
        }
        return out;
    }

    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
