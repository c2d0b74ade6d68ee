package academy.muse.recordings.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** The rules for uploads of lesson tracks and materials. */
@ConfigMapping(prefix = "muse.recordings")
public interface RecordingsConfig {

    /**
     * The MIME types a browser may upload (without parameters: {@code video/webm;codecs=vp8,opus} counts as
     * {@code video/webm}); anything else is refused with 415.
     */
    @WithDefault("video/webm,video/mp4,audio/webm,audio/ogg,audio/mp4,video/quicktime")
    List<String> allowedMimeTypes();

    /** The largest lesson track in bytes (a lesson of a few hours at full camera quality). */
    @WithDefault("8589934592")
    long maxLessonTrackBytes();

    /** The largest material (a teacher's preview video) in bytes. */
    @WithDefault("4294967296")
    long maxMaterialBytes();

    /** How many bytes one user's uploads may take in total, unfinished uploads included. */
    @WithDefault("107374182400")
    long quotaBytesPerUser();

    /**
     * How long after a room closes its participants may still create and continue tracks (a browser flushing its
     * last chunks); the room's tracks are finalised and published when it has passed.
     */
    @WithDefault("2m")
    Duration roomCloseGrace();

    /** An unfinished upload with no new bytes for this long expires and is deleted ({@code Upload-Expires}). */
    @WithDefault("24h")
    Duration uploadExpiry();

    /**
     * How far a client-reported track start ({@code startedAt} metadata) may lie before the server's time of the
     * upload's creation; later than the creation (plus {@code start-tolerance}) is refused too.
     */
    @WithDefault("10m")
    Duration maxStartLead();

    /** How far a client-reported start may lie after the server's time (clocks of servers and browsers differ). */
    @WithDefault("5s")
    Duration startTolerance();

    /**
     * How long one PATCH holds an upload against a concurrent PATCH without any bytes arriving. After a crash a
     * client may resume once it has passed; tus clients retry 423 by themselves.
     */
    @WithDefault("30s")
    Duration patchLease();

    /** How often the cleanup of expired uploads and the finalisation of closed rooms run ({@code off} in tests). */
    @WithDefault("30s")
    String housekeepingEvery();

    /** When originals leave media storage once they are no longer needed. */
    Retention retention();

    interface Retention {

        /**
         * How long after a replay was verified playable (or its teacher's account was deleted) the lesson's original
         * tracks stay before they are removed: time to notice a bad replay and keep them.
         */
        @WithDefault("7d")
        Duration originalsGrace();

        /** How often the removal of originals whose grace has passed runs ({@code off} in tests). */
        @WithDefault("10m")
        String every();
    }
}
