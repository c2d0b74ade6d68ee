package academy.muse.vod.job;

import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.StoredObject;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.events.AssetEvents;
import academy.muse.vod.ffmpeg.Ffmpeg;
import academy.muse.vod.packaging.PackageFiles;
import academy.muse.vod.policy.RetentionPolicies;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a ready replay as a player will meet it, from what is in media storage rather than what the run had on
 * its disk: every file the HLS master and its playlists name is stored (and the DASH manifest, poster and tracks),
 * and each rendition, joined from its stored segments, probes as media as long as the replay. Only then may
 * recordings remove the lesson's original tracks, so a replay that fails is announced as nothing: the originals stay.
 */
@ApplicationScoped
public class ReplayVerification {

    private static final Logger LOG = Logger.getLogger(ReplayVerification.class);
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");
    /** A rendition may end up to a segment apart from the replay's measured length (remuxed GOPs, AAC priming). */
    private static final double MIN_DURATION_TOLERANCE_SECONDS = 1.5;

    private final MediaStorage storage;
    private final Ffmpeg ffmpeg;
    private final AssetEvents events;
    private final RetentionPolicies policies;

    ReplayVerification(MediaStorage storage, Ffmpeg ffmpeg, AssetEvents events, RetentionPolicies policies) {
        this.storage = storage;
        this.ffmpeg = ffmpeg;
        this.events = events;
        this.policies = policies;
    }

    /** Verifies a ready lesson replay and announces it verified; materials have no originals to free. */
    public void verifyAndAnnounce(Asset asset, Path workDirectory) {
        if (Asset.KIND_MATERIAL.equals(asset.kind())) {
            return;
        }
        List<String> problems;
        try {
            problems = problems(asset, Files.createDirectories(workDirectory.resolve("verify")));
        } catch (IOException | RuntimeException e) {
            problems = List.of("could not be checked: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            LOG.errorf("Replay %s of recording %s failed verification, its original tracks stay: %s", asset.id(),
                    asset.recordingId(), String.join("; ", problems));
            return;
        }
        boolean keepOriginals = policies.effective(asset.ownerId()).keepOriginals();
        events.replayVerified(asset, keepOriginals);
        LOG.infof("Replay %s of recording %s verified (%.1f s); originals %s", asset.id(), asset.recordingId(),
                asset.durationSeconds(), keepOriginals ? "kept by the teacher's policy" : "may be removed");
    }

    /** What is wrong with the stored package; empty when a player will find everything it needs. */
    public List<String> problems(Asset asset, Path scratch) {
        String prefix = asset.storagePrefix();
        Set<String> stored = storage.list(prefix).stream().map(StoredObject::key)
                .map(key -> key.substring(prefix.length())).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        List<String> required = new ArrayList<>(List.of(PackageFiles.HLS_MASTER, PackageFiles.DASH_MANIFEST, PackageFiles.POSTER));
        asset.tracks().forEach(track -> required.add(track.file()));
        required.stream().filter(file -> !stored.contains(file)).forEach(file -> problems.add(file + " is missing"));
        if (!stored.contains(PackageFiles.HLS_MASTER)) {
            return problems;
        }
        for (String playlist : references(read(prefix + PackageFiles.HLS_MASTER), problems)) {
            if (!stored.contains(playlist)) {
                problems.add("the master names " + playlist + ", which is missing");
                continue;
            }
            List<String> segments = references(read(prefix + playlist), problems);
            List<String> missing = segments.stream().filter(segment -> !stored.contains(segment)).toList();
            if (!missing.isEmpty()) {
                problems.add(playlist + " names missing files: " + String.join(", ", missing));
            } else if (segments.isEmpty()) {
                problems.add(playlist + " names no segments");
            } else {
                checkDuration(asset, playlist, joined(prefix, segments, scratch.resolve(playlist + ".mp4")), problems);
            }
        }
        return problems;
    }

    private void checkDuration(Asset asset, String playlist, Path rendition, List<String> problems) {
        double seconds = ffmpeg.probe(rendition).durationSeconds();
        double tolerance = Math.max(MIN_DURATION_TOLERANCE_SECONDS, asset.durationSeconds() * 0.02);
        if (Math.abs(seconds - asset.durationSeconds()) > tolerance) {
            problems.add(String.format("%s plays %.1f s, the replay is %.1f s", playlist, seconds, asset.durationSeconds()));
        }
    }

    /** The files a playlist names, in order: its lines that are not tags, and the URIs of its tags (init segments). */
    private static List<String> references(String playlist, List<String> problems) {
        List<String> references = new ArrayList<>();
        for (String line : playlist.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                Matcher uri = URI_ATTRIBUTE.matcher(trimmed);
                while (uri.find()) {
                    references.add(uri.group(1));
                }
            } else if (!trimmed.isEmpty()) {
                references.add(trimmed);
            }
        }
        references.stream().filter(reference -> reference.contains("/"))
                .forEach(reference -> problems.add(reference + " is outside the package"));
        return references.stream().filter(reference -> !reference.contains("/")).distinct().toList();
    }

    private String read(String key) {
        try (InputStream in = storage.read(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    /** A rendition's init segment and media segments, joined as stored: one fragmented MP4 that ffprobe reads. */
    private Path joined(String prefix, List<String> segments, Path target) {
        try (OutputStream out = Files.newOutputStream(target)) {
            for (String segment : segments) {
                try (InputStream in = storage.read(prefix + segment)) {
                    in.transferTo(out);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot join the segments of " + target.getFileName(), e);
        }
    }
}
