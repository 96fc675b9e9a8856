package io.swinlens.testutil;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.swinlens.model.io.Npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Access to the PyTorch-generated fixtures under src/test/resources/fixtures (tools/fixtures/make_fixtures.py). */
public final class Fixtures {

    private Fixtures() { }

    public static Path dir(String model) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + model).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path file(String model, String name) { return dir(model).resolve(name); }

    public static Npy.Array npy(String model, String name) {
        try {
            return Npy.read(file(model, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonObject json(String model, String name) {
        try {
            return JsonParser.parseString(Files.readString(file(model, name))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Largest |a - b| / (1 + |b|): absolute near zero, relative for large values. */
    public static double maxError(float[] actual, float[] expected) {
        if (actual.length != expected.length) throw new AssertionError("length " + actual.length + " != " + expected.length);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i])));
        }
        return worst;
    }
}
