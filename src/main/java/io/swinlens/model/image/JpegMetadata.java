package io.swinlens.model.image;

/**
 * What SwinLens needs from a JPEG's header segments, read without a decoder: the EXIF orientation
 * (APP1 "Exif", TIFF IFD0 tag 0x0112), the number of colour components in the frame header (4 means
 * CMYK or YCCK, which ImageIO cannot decode), and the file without its ICC profile.
 */
final class JpegMetadata {

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private JpegMetadata() {
    }

    /** EXIF orientation 1..8; 1 when absent or unreadable. */
    static int orientation(byte[] jpeg) {
        for (int pos = 2; pos + 4 <= jpeg.length; ) {
            int marker = segmentMarker(jpeg, pos);
            if (marker < 0) {
                return 1;
            }
            int length = u16(jpeg, pos + 2, false);
            if (marker == 0xE1 && isExif(jpeg, pos + 4, length - 2)) {
                return tiffOrientation(jpeg, pos + 10, pos + 2 + length);
            }
            pos += 2 + length;
        }
        return 1;
    }

    /** Components in the first frame header (SOFn), or 0 when there is none before the scan. */
    static int componentCount(byte[] jpeg) {
        for (int pos = 2; pos + 4 <= jpeg.length; ) {
            int marker = segmentMarker(jpeg, pos);
            if (marker < 0) {
                return 0;
            }
            boolean frameHeader = marker >= 0xC0 && marker <= 0xCF
                    && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frameHeader && pos + 9 < jpeg.length) {
                return jpeg[pos + 9] & 0xFF;
            }
            pos += 2 + u16(jpeg, pos + 2, false);
        }
        return 0;
    }

    /**
     * The file without its embedded ICC profile (APP2 "ICC_PROFILE" segments before the scan), or the same array when
     * it has none. PIL, and so torchvision's and timm's loaders, decode a JPEG to the RGB its data holds and leave the
     * profile unapplied; ImageIO converts through it, which moved pixels by up to 255 under a Lab profile, and
     * refused a file whose profile was damaged. Without the segments ImageIO returns what PIL does.
     */
    static byte[] withoutIccProfile(byte[] jpeg) {
        java.io.ByteArrayOutputStream out = null;
        int copied = 0;
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            int marker = segmentMarker(jpeg, pos);
            if (marker < 0) {
                break;
            }
            int end = pos + 2 + u16(jpeg, pos + 2, false);
            if (end > jpeg.length) {
                break;
            }
            if (marker == 0xE2 && isIccProfile(jpeg, pos + 4, end)) {
                if (out == null) {
                    out = new java.io.ByteArrayOutputStream(jpeg.length);
                }
                out.write(jpeg, copied, pos - copied);
                copied = end;
            }
            pos = end;
        }
        if (out == null) {
            return jpeg;
        }
        out.write(jpeg, copied, jpeg.length - copied);
        return out.toByteArray();
    }

    private static final byte[] ICC_TAG = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean isIccProfile(byte[] b, int pos, int end) {
        byte[] tag = ICC_TAG;
        if (end - pos < tag.length) {
            return false;
        }
        for (int i = 0; i < tag.length; i++) {
            if (b[pos + i] != tag[i]) {
                return false;
            }
        }
        return true;
    }

    /** The marker of a length-carrying segment at pos; -1 at start of scan, end of image or junk. */
    private static int segmentMarker(byte[] jpeg, int pos) {
        if ((jpeg[pos] & 0xFF) != 0xFF) {
            return -1;
        }
        int marker = jpeg[pos + 1] & 0xFF;
        return marker == 0xDA || marker == 0xD9 || marker == 0xFF ? -1 : marker;
    }

    private static boolean isExif(byte[] b, int pos, int length) {
        return length >= 14 && b[pos] == 'E' && b[pos + 1] == 'x' && b[pos + 2] == 'i' && b[pos + 3] == 'f'
                && b[pos + 4] == 0 && b[pos + 5] == 0;
    }

    /** Orientation from a TIFF structure spanning [tiff, end). */
    private static int tiffOrientation(byte[] b, int tiff, int end) {
        end = Math.min(end, b.length);
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == ORIENTATION_TAG && u16(b, entry + 2, little) == TYPE_SHORT) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int pos, boolean little) {
        int first = b[pos] & 0xFF;
        int second = b[pos + 1] & 0xFF;
        return little ? second << 8 | first : first << 8 | second;
    }

    private static long u32(byte[] b, int pos, boolean little) {
        long high = u16(b, little ? pos + 2 : pos, little);
        long low = u16(b, little ? pos : pos + 2, little);
        return high << 16 | low;
    }
}
