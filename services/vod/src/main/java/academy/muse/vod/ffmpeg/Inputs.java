package academy.muse.vod.ffmpeg;

import academy.muse.mediastore.MediaContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * ffmpeg's options for one input file: always with its demuxer named from the file's first bytes and from local
 * files only, so that an upload that is really a playlist or a manifest is never followed.
 */
public final class Inputs {

    private Inputs() {
    }

    /** A file of unknown origin (a recorded track): refused unless it is MP4 or WebM/Matroska. */
    public static List<String> recorded(Path file) {
        return container(file).ffmpegInput(file.toString());
    }

    /** A file this service wrote itself (a normalised track): always MP4. */
    public static List<String> normalised(Path file) {
        return MediaContainer.MP4.ffmpegInput(file.toString());
    }

    static MediaContainer container(Path file) {
        try {
            return MediaContainer.of(Files.newInputStream(file)).orElseThrow(() ->
                    new UnsupportedContainerException(file.getFileName() + " is neither MP4 nor WebM/Matroska"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
    }

    /** The file is not a container we package: retrying cannot help. */
    public static class UnsupportedContainerException extends FfmpegException {
        UnsupportedContainerException(String message) {
            super(message);
        }
    }
}
