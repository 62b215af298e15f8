package com.vidugateway.adapter.rest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Request bodies and images for the tests. */
final class Bodies {

    static final String URL_IMAGE = "https://example.com/cat.jpg";

    private Bodies() {}

    /** A valid viduq2 submit with one URL image and the given prompt. */
    static String images(String prompt) {
        return """
                {"model":"viduq2","input":{"images":["%s"],"prompt":"%s"},
                 "parameters":{"vidu_type":"reference2video","duration":5,"resolution":"720p"}}""".formatted(URL_IMAGE, prompt);
    }

    static String subjects(String prompt) {
        return """
                {"model":"viduq2","input":{"prompt":"%s","subjects":[
                  {"id":"1","images":["%s"],"voice_id":""},
                  {"id":"2","images":["%s"],"voice_id":""}]},
                 "parameters":{"vidu_type":"reference2video","audio":true}}""".formatted(prompt, URL_IMAGE, PNG_DATA_URI);
    }

    /** A real 160×128 PNG as a data URI. */
    static final String PNG_DATA_URI = "data:image/png;base64," + Base64.getEncoder().encodeToString(png(160, 128));

    /** A PNG of random pixels: it does not compress, so it is about 3 bytes a pixel. */
    static byte[] noisyPng(int width, int height, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return write(image);
    }

    /** A PNG of one colour with a little pattern: small, and real. */
    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x / 32 + y / 32) % 2 == 0 ? 0x3366cc : 0xffcc00);
            }
        }
        return write(image);
    }

    private static byte[] write(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
