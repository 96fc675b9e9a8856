package io.swinlens.model.weights;

import static io.swinlens.model.weights.TorchZipCheckpointTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.swinlens.model.weights.WeightsException.Kind;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each naming of docs/swin-reference.md §6, written out explicitly, must map back to official keys. */
class NamingConventionTest {

    private static final Pattern BLOCK = Pattern.compile("^layers\\.(\\d+)\\.blocks\\.(\\d+)\\.(.*)");
    private static final Pattern MERGE = Pattern.compile("^layers\\.(\\d+)\\.downsample\\.(.*)");

    @TempDir
    Path dir;

    @Test
    void officialZipWrappedInModelKeepsKeysAndDropsBuffers() throws Exception {
        TorchZipWriter w = new TorchZipWriter();
        TinySwin.officialValues().forEach((k, v) -> w.f32(k, TinySwin.officialShapes().get(k), v));
        Path file = dir.resolve("swin_tiny_patch4_window7_224.pth");
        w.wrapIn("model", p -> p.unicode("epoch").integer(300)).write(file);
        assertCanonical(file, NamingConvention.OFFICIAL);
    }

    @Test
    void timmMovesDownsampleBackAndRenamesHead() throws Exception {
        SafetensorsWriter w = new SafetensorsWriter();
        TinySwin.officialValues().forEach((k, v) -> {
            if (!TinySwin.isBuffer(k)) {
                Matcher m = MERGE.matcher(k);
                String key = m.matches() ? "layers." + (Integer.parseInt(m.group(1)) + 1) + ".downsample." + m.group(2)
                        : k.startsWith("head.") ? "head.fc." + k.substring(5) : k;
                w.f32(key, TinySwin.officialShapes().get(k), v);
            }
        });
        assertCanonical(write(w, "model.safetensors"), NamingConvention.TIMM);
    }

    @Test
    void torchvisionFeaturesIndicesMapToStagesAndMerges() throws Exception {
        TorchZipWriter w = new TorchZipWriter();
        TinySwin.officialValues().forEach((k, v) -> {
            if (!k.endsWith("attn_mask")) {
                w.f32(torchvisionKey(k), TinySwin.officialShapes().get(k), v);
            }
        });
        Path file = dir.resolve("swin_t-704ceda3.pth");
        w.write(file);
        assertCanonical(file, NamingConvention.TORCHVISION);
    }

    @Test
    void hfSplitsAreJoinedIntoQkvRowByRow() throws Exception {
        SafetensorsWriter w = new SafetensorsWriter();
        Map<String, float[]> values = TinySwin.officialValues();
        values.forEach((k, v) -> {
            long[] shape = TinySwin.officialShapes().get(k);
            if (k.endsWith("attn_mask")) {
                return;
            }
            if (k.contains("attn.qkv.")) {
                long[] third = shape.clone();
                third[0] /= 3;
                String[] parts = {"query", "key", "value"};
                for (int p = 0; p < 3; p++) {
                    w.f32(hfKey(k).replace("QKV", parts[p]), third, TinySwin.rows(v, shape, p));
                }
            } else {
                w.f32(hfKey(k), shape, v);
            }
        });
        Path file = write(w, "pytorch_model.safetensors");
        assertCanonical(file, NamingConvention.HF);
        try (Checkpoint c = Checkpoint.open(file)) {
            float[] qkv = c.canonicalTensors().get("layers.1.blocks.0.attn.qkv.weight").toFloats();
            float[] official = values.get("layers.1.blocks.0.attn.qkv.weight");
            // rows 0..7 come from query, 8..15 from key, 16..23 from value (C_1 = 8)
            assertThat(qkv[8 * 8]).isEqualTo(official[8 * 8]);
            assertThat(c.originalKeys()).contains("swin.encoder.layers.1.blocks.0.attention.self.key.weight");
        }
    }

    @Test
    void hfWithoutValueProjectionIsMissingTensor() throws Exception {
        SafetensorsWriter w = new SafetensorsWriter()
                .f32("swin.embeddings.patch_embeddings.projection.weight", new long[] {1}, new float[] {1})
                .f32("swin.encoder.layers.0.blocks.0.attention.self.query.weight", new long[] {1, 1}, new float[] {1})
                .f32("swin.encoder.layers.0.blocks.0.attention.self.key.weight", new long[] {1, 1}, new float[] {1});
        assertThat(assertKind(write(w, "hf.safetensors"), Kind.MISSING_TENSOR, "hf.safetensors: ").getMessage())
                .contains("layers.0.blocks.0.attn.qkv.weight").contains("value.weight");
    }

    @Test
    void swinV2IsRecognisedAndItsQAndVBiasesBecomeOneQkvBiasWithAZeroKThird() throws Exception {
        SafetensorsWriter w = new SafetensorsWriter()
                .f32("patch_embed.proj.weight", new long[] {1}, new float[] {1})
                .f32("layers.0.blocks.0.attn.logit_scale", new long[] {1, 1, 1}, new float[] {2.3f})
                .f32("layers.0.blocks.0.attn.q_bias", new long[] {2}, new float[] {1, 2})
                .f32("layers.0.blocks.0.attn.v_bias", new long[] {2}, new float[] {5, 6});
        try (Checkpoint c = Checkpoint.open(write(w, "v2.safetensors"))) {
            assertThat(c.isV2()).isTrue();
            assertThat(c.canonicalTensors()).containsKey("layers.0.blocks.0.attn.qkv.bias")
                    .doesNotContainKeys("layers.0.blocks.0.attn.q_bias", "layers.0.blocks.0.attn.v_bias");
            assertThat(c.canonicalTensors().get("layers.0.blocks.0.attn.qkv.bias").toFloats()).containsExactly(1, 2, 0, 0, 5, 6);
        }
    }

    @Test
    void aV2QBiasWithoutItsVBiasIsMissingTensor() throws Exception {
        SafetensorsWriter w = new SafetensorsWriter()
                .f32("patch_embed.proj.weight", new long[] {1}, new float[] {1})
                .f32("layers.0.blocks.0.attn.logit_scale", new long[] {1, 1, 1}, new float[] {2.3f})
                .f32("layers.0.blocks.0.attn.q_bias", new long[] {2}, new float[] {1, 2});
        assertThat(assertKind(write(w, "v2.safetensors"), Kind.MISSING_TENSOR, "v2.safetensors: ").getMessage())
                .contains("v_bias");
    }

    @Test
    void aBackboneUnderAPrefixIsFoundAndTheOtherModulesAreNamed() throws Exception {
        SafetensorsWriter w = new SafetensorsWriter()
                .f32("backbone.patch_embed.proj.weight", new long[] {1}, new float[] {1})
                .f32("backbone.layers.0.blocks.0.norm1.weight", new long[] {1}, new float[] {1})
                .f32("neck.lateral_convs.0.conv.weight", new long[] {1}, new float[] {1})
                .f32("rpn_head.rpn_conv.weight", new long[] {1}, new float[] {1});
        try (Checkpoint c = Checkpoint.open(write(w, "det.safetensors"))) {
            assertThat(c.prefix()).isEqualTo("backbone.");
            assertThat(c.otherModules()).containsExactly("neck", "rpn_head");
            assertThat(c.canonicalTensors()).containsOnlyKeys("patch_embed.proj.weight", "layers.0.blocks.0.norm1.weight");
        }
    }

    @Test
    void aPrefixAroundSomethingElseIsNotASwin() throws Exception {
        SafetensorsWriter w = new SafetensorsWriter()
                .f32("backbone.conv1.weight", new long[] {1}, new float[] {1})
                .f32("backbone.layer1.0.bn1.weight", new long[] {1}, new float[] {1})
                .f32("neck.fpn.weight", new long[] {1}, new float[] {1});
        assertThat(assertKind(write(w, "resnet_det.safetensors"), Kind.UNKNOWN_FORMAT, "resnet_det.safetensors: ").getMessage())
                .contains("not a Swin Transformer checkpoint").contains("backbone.conv1.weight");
    }

    @Test
    void resnetIsRefusedNamingWhatWasFound() throws Exception {
        TorchZipWriter w = new TorchZipWriter().f32("conv1.weight", new long[] {1}, new float[] {1})
                .f32("fc.weight", new long[] {1}, new float[] {1});
        Path file = dir.resolve("resnet50.pth");
        w.write(file);
        assertThat(assertKind(file, Kind.UNKNOWN_FORMAT, "resnet50.pth: ").getMessage())
                .contains("no patch_embed / features.0.0 / embeddings tensors").contains("'conv1.weight', 'fc.weight'");
    }

    private Path write(SafetensorsWriter w, String name) throws Exception {
        Path file = dir.resolve(name);
        w.write(file);
        return file;
    }

    private static void assertCanonical(Path file, NamingConvention expected) throws Exception {
        Map<String, long[]> shapes = TinySwin.officialShapes();
        Map<String, float[]> values = TinySwin.officialValues();
        try (Checkpoint c = Checkpoint.open(file)) {
            assertThat(c.convention()).isEqualTo(expected);
            assertThat(c.canonicalTensors().keySet()).containsExactlyInAnyOrderElementsOf(
                    shapes.keySet().stream().filter(k -> !TinySwin.isBuffer(k)).toList());
            c.canonicalTensors().forEach((key, t) -> {
                assertThat(t.shape()).as(key).containsExactly(shapes.get(key));
                assertThat(t.toFloats()).as(key).containsExactly(values.get(key));
            });
        }
    }

    private static String torchvisionKey(String k) {
        if (k.startsWith("patch_embed.proj.")) {
            return "features.0.0." + k.substring("patch_embed.proj.".length());
        }
        if (k.startsWith("patch_embed.norm.")) {
            return "features.0.2." + k.substring("patch_embed.norm.".length());
        }
        Matcher b = BLOCK.matcher(k);
        if (b.matches()) {
            String rest = b.group(3).replace("mlp.fc1.", "mlp.0.").replace("mlp.fc2.", "mlp.3.");
            return "features." + (2 * Integer.parseInt(b.group(1)) + 1) + "." + b.group(2) + "." + rest;
        }
        Matcher m = MERGE.matcher(k);
        return m.matches() ? "features." + (2 * Integer.parseInt(m.group(1)) + 2) + "." + m.group(2) : k;
    }

    /** HF key; "QKV" stands for query/key/value. */
    private static String hfKey(String k) {
        if (k.startsWith("patch_embed.proj.")) {
            return "swin.embeddings.patch_embeddings.projection." + k.substring("patch_embed.proj.".length());
        }
        if (k.startsWith("patch_embed.norm.")) {
            return "swin.embeddings.norm." + k.substring("patch_embed.norm.".length());
        }
        if (k.startsWith("norm.")) {
            return "swin.layernorm." + k.substring("norm.".length());
        }
        if (k.startsWith("head.")) {
            return "classifier." + k.substring("head.".length());
        }
        Matcher b = BLOCK.matcher(k);
        if (b.matches()) {
            String rest = b.group(3)
                    .replace("norm1.", "layernorm_before.").replace("norm2.", "layernorm_after.")
                    .replace("attn.relative_position", "attention.self.relative_position")
                    .replace("attn.qkv.", "attention.self.QKV.").replace("attn.proj.", "attention.output.dense.")
                    .replace("mlp.fc1.", "intermediate.dense.").replace("mlp.fc2.", "output.dense.");
            return "swin.encoder.layers." + b.group(1) + ".blocks." + b.group(2) + "." + rest;
        }
        return "swin.encoder." + k;
    }
}
