package io.swinlens.model.weights;

import io.swinlens.i18n.Messages;
import io.swinlens.model.weights.WeightsException.Kind;
import java.nio.file.Path;

/**
 * Tells the container format from the first bytes, never from the extension, and explains the
 * files it refuses (legacy torch pickles, images, empty or random data).
 */
final class FormatSniffer {

    /** The pickled magic number 0x1950a86a20f9469cfc6c of legacy torch.save, as LONG1 operand bytes. */
    private static final byte[] LEGACY_MAGIC = {0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    private FormatSniffer() {
    }

    /** @param head up to the first 16 bytes of the file */
    static FileType detect(Path file, byte[] head, long size) throws WeightsException {
        if (size == 0) {
            throw unknown(file, Messages.get("error.format.empty"));
        }
        if (startsWith(head, 'P', 'K', 3, 4)) {
            return FileType.TORCH_ZIP;
        }
        if (size >= 9 && head.length >= 9 && head[8] == '{') {
            return FileType.SAFETENSORS;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] <= 5) {
            if (indexOf(head, LEGACY_MAGIC) >= 0) {
                throw unknown(file, Messages.get("error.format.legacyTorch"));
            }
            throw unknown(file, Messages.get("error.format.plainPickle"));
        }
        String kind = startsWith(head, 0x89, 'P', 'N', 'G') ? Messages.get("error.format.looks.png")
                : startsWith(head, 0xff, 0xd8, 0xff) ? Messages.get("error.format.looks.jpeg")
                : startsWith(head, 0x1f, 0x8b) ? Messages.get("error.format.looks.gzip")
                : startsWith(head, 0x93, 'N', 'U', 'M', 'P', 'Y') ? Messages.get("error.format.looks.npy")
                : startsWith(head, 0x89, 'H', 'D', 'F') ? Messages.get("error.format.looks.hdf5")
                : Messages.get("error.format.looks.unknown", hex(head));
        throw unknown(file, Messages.get("error.format.notCheckpoint", kind));
    }

    private static WeightsException unknown(Path file, String detail) {
        return WeightsException.of(Kind.UNKNOWN_FORMAT, file, detail);
    }

    private static boolean startsWith(byte[] head, int... expected) {
        if (head.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String hex(byte[] head) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xff));
        }
        return sb.toString();
    }
}
