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

    /** {"model": <the original state dict>, "trainer": mylab.train.Trainer()}, the rest of the zip as it was. */
    public static void wrapWithUnknownGlobal(Path source, Path target) throws IOException {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(source.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
        }
        String pklName = entries.keySet().stream().filter(n -> n.endsWith("/data.pkl")).findFirst().orElseThrow();
        byte[] pickle = entries.get(pklName);
        if ((pickle[0] & 0xff) != 0x80) throw new IOException("expected a pickle that starts with PROTO");
        var out = new java.io.ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x80, 2, '}', '('});              // PROTO 2, EMPTY_DICT, MARK
        writeUnicode(out, "model");
        out.write(pickle, 2, pickle.length - 3);                        // the state dict, without PROTO and STOP
        writeUnicode(out, "trainer");
        out.write("cmylab.train\nTrainer\n)R".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(new byte[] {'u', '.'});                               // SETITEMS, STOP
        entries.put(pklName, out.toByteArray());
        try (var os = Files.newOutputStream(target); var zip = new java.util.zip.ZipOutputStream(os)) {
            for (var e : entries.entrySet()) {
                var entry = new java.util.zip.ZipEntry(e.getKey());
                entry.setMethod(java.util.zip.ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                var crc = new java.util.zip.CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private static void writeUnicode(java.io.ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write('X');
        out.write(new byte[] {(byte) b.length, 0, 0, 0}, 0, 4);
        out.write(b, 0, b.length);
    }
}
