package academy.muse.vod.job;

import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.contracts.events.RecordingEvents.Track;
import academy.muse.mediastore.MediaStorage;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.packaging.Packager;
import academy.muse.vod.packaging.TrackInput;
import academy.muse.vod.packaging.TrackNormaliser;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One recording's way from stored tracks to a stored package: fetch each track from media storage, normalise it
 * (remux or transcode), package the asset in one ffmpeg run, and store every file under the run's own prefix.
 * Nothing here marks anything ready: a run that dies half way leaves only files under a prefix nobody points to.
 */
@ApplicationScoped
public class RecordingPackager {

    private static final Logger LOG = Logger.getLogger(RecordingPackager.class);

    private final MediaStorage storage;
    private final TrackNormaliser normaliser;
    private final Packager packager;

    RecordingPackager(MediaStorage storage, TrackNormaliser normaliser, Packager packager) {
        this.storage = storage;
        this.normaliser = normaliser;
        this.packager = packager;
    }

    /**
     * What a finished run stored.
     *
     * @param bytes the size of every file stored under the prefix, together (what the package costs its owner)
     */
    public record StoredPackage(String storagePrefix, Packager.Packaged shape, List<Asset.Track> tracks, long bytes) {
    }

    public static String storagePrefix(String assetId, String runId) {
        return assetPrefix(assetId) + runId + "/";
    }

    /** Everything stored for the asset, whichever run wrote it, lives under this prefix. */
    public static String assetPrefix(String assetId) {
        return "vod/" + assetId + "/";
    }

    public StoredPackage packageRecording(RecordingCompleted recording, String assetId, String runId, Path workDirectory) {
        List<Track> tracks = recording.tracks() == null ? List.of() : recording.tracks();
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("recording " + recording.recordingId() + " has no tracks");
        }
        Path output = directory(workDirectory.resolve("package"));
        Instant earliest = tracks.stream().map(Track::startedAt).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(Instant.EPOCH);
        List<TrackInput> inputs = new ArrayList<>();
        List<Asset.Track> described = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            Track track = tracks.get(i);
            String file = "track-" + (i + 1) + ".mp4";
            Path recorded = fetch(track.storageKey(), workDirectory.resolve("recorded-" + (i + 1)));
            TrackInput input = normaliser.normalise(recorded, output.resolve(file), offsetSeconds(track, earliest))
                    .of(track.participantId());
            LOG.infof("Recording %s track %d (%s): %s, %.1f s", recording.recordingId(), i + 1, track.participantId(),
                    input.remuxed() ? "remuxed" : "transcoded", input.probe().durationSeconds());
            inputs.add(input);
            described.add(new Asset.Track(track.participantId(), track.role(), file, input.remuxed()));
        }
        Packager.Packaged shape = packager.packageTracks(inputs, output);
        String prefix = storagePrefix(assetId, runId);
        long bytes = store(output, prefix);
        return new StoredPackage(prefix, shape, described, bytes);
    }

    /** Deletes what a run stored; used when the run failed or another run's package won. */
    public void discard(String storagePrefix) {
        storage.list(storagePrefix).forEach(object -> storage.delete(object.key()));
    }

    /** Deletes what earlier runs of the asset left behind (a worker that died half way), keeping {@code kept}. */
    public void discardAllBut(String assetId, String kept) {
        storage.list(assetPrefix(assetId)).stream()
                .filter(object -> !object.key().startsWith(kept))
                .forEach(object -> storage.delete(object.key()));
    }

    private static double offsetSeconds(Track track, Instant earliest) {
        return track.startedAt() == null ? 0 : Duration.between(earliest, track.startedAt()).toMillis() / 1000.0;
    }

    private Path fetch(String storageKey, Path target) {
        try (InputStream in = storage.read(storageKey)) {
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + storageKey, e);
        }
    }

    /** Returns the bytes stored, as the storage counted them. */
    private long store(Path output, String prefix) {
        long bytes = 0;
        try (Stream<Path> files = Files.list(output)) {
            for (Path file : files.filter(Files::isRegularFile).filter(RecordingPackager::isPackageFile).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    bytes += storage.write(prefix + file.getFileName(), in);
                }
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the package under " + prefix, e);
        }
    }

    /** ffmpeg's logs and scratch files stay behind. */
    private static boolean isPackageFile(Path file) {
        return academy.muse.vod.packaging.PackageFiles.contentType(file.getFileName().toString()) != null;
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
