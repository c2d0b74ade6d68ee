package academy.muse.mediastore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The two containers browsers record, told apart by their first bytes, never by a name or a declared type.
 * recordings refuses any other upload; vod tells ffmpeg which demuxer to use, because left to guess it opens an
 * upload that is really an HLS playlist, a DASH manifest or a concat list as a playlist and reads the local files
 * it names.
 */
public enum MediaContainer {
    /** ISO base media (MP4, QuickTime): a {@code ftyp} box first. */
    MP4("mov"),
    /** Matroska and WebM: the EBML header. */
    MATROSKA("matroska");

    /** How many leading bytes {@link #of(byte[])} needs. */
    public static final int HEAD_BYTES = 8;
    /** Every demuxer ffmpeg may open an input with; anything else (hls, dash, concat, …) is refused. */
    public static final String DEMUXERS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm";

    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    private static final byte[] FTYP = {'f', 't', 'y', 'p'};

    private final String demuxer;

    MediaContainer(String demuxer) {
        this.demuxer = demuxer;
    }

    /** ffmpeg's options for reading {@code file} as this container, from local files only. */
    public List<String> ffmpegInput(String file) {
        return List.of("-protocol_whitelist", "file", "-format_whitelist", DEMUXERS, "-f", demuxer, "-i", file);
    }

    /** The container these first bytes start, if it is one of ours. */
    public static Optional<MediaContainer> of(byte[] head) {
        if (head.length >= HEAD_BYTES && Arrays.equals(head, 4, 8, FTYP, 0, 4)) {
            return Optional.of(MP4);
        }
        if (head.length >= EBML.length && Arrays.equals(head, 0, EBML.length, EBML, 0, EBML.length)) {
            return Optional.of(MATROSKA);
        }
        return Optional.empty();
    }

    /** The container of a stream's first bytes; the stream is closed. */
    public static Optional<MediaContainer> of(InputStream data) {
        try (data) {
            return of(data.readNBytes(HEAD_BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
