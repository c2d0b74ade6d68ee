package academy.muse.vod.retention;

import academy.muse.contracts.events.VodEvents;
import academy.muse.vod.policy.RetentionPolicies;
import academy.muse.vod.policy.RetentionPolicy;
import academy.muse.contracts.events.Events;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.StoredObject;
import academy.muse.vod.StoredMedia;
import academy.muse.vod.TestRecordings;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.AssetDeletions;
import academy.muse.vod.asset.Assets;
import academy.muse.vod.config.VodConfig;
import academy.muse.vod.job.ReplayVerification;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention and the purge on real media storage, run on a volume ({@link FilesystemRetentionTest}) and on S3
 * ({@link S3RetentionTest}). Time is what the tests hand the jobs: "a month later" is an instant, not a wait.
 */
abstract class RetentionScenarios {

    @Inject
    TestRecordings recordings;
    @Inject
    StoredMedia media;
    @Inject
    MediaStorage storage;
    @Inject
    RetentionPolicies policies;
    @Inject
    RetentionRun retention;
    @Inject
    MediaPurge purge;
    @Inject
    AssetDeletions deletions;
    @Inject
    Assets assets;
    @Inject
    ReplayVerification verification;
    @Inject
    VodConfig config;
    @Inject
    UsageBackfill backfill;

    @Test
    void retentionRemovesExactlyWhatEachPolicySaysOnceTheGracePeriodHasPassed() throws Exception {
        String shortReplays = "teacher-short-replays-" + System.nanoTime();
        String shortPreviews = "teacher-short-previews-" + System.nanoTime();
        policies.save(shortReplays, new RetentionPolicy(true, 1, null));
        policies.save(shortPreviews, new RetentionPolicy(false, null, 2));
        Asset replay = recordings.packaged(TestRecordings.ownedBy(recordings.lesson("lesson-" + System.nanoTime()), shortReplays));
        Asset keptPreview = recordings.packaged(recordings.material(shortReplays));
        Asset preview = recordings.packaged(recordings.material(shortPreviews));
        String watching = playbackBase(replay, TestTokens.student(TestRecordings.STUDENT, shortReplays));
        Instant start = Instant.now();
        Map<String, String> before = media.fingerprints(media.allAssetIds());
        Duration grace = config.retention().deletionGrace();

        assertThat(retention.deleteExpired(start.plus(Duration.ofDays(27)))).isZero();
        Instant monthLater = monthsAfter(start, 1);
        assertThat(retention.deleteExpired(monthLater)).isEqualTo(1);
        assertThat(deleted(replay)).isTrue();
        assertThat(deleted(keptPreview)).as("previews of this teacher are kept for ever").isFalse();
        assertThat(deleted(preview)).as("this teacher keeps previews two months").isFalse();
        given().get(watching + "master.m3u8").then().statusCode(404);

        purge.purgeDue(monthLater.plus(grace).minusSeconds(1));
        assertThat(media.fingerprints(List.of(replay.id()))).as("nothing goes within the grace period")
                .isNotEmpty().isEqualTo(within(before, replay));

        purge.purgeDue(monthLater.plus(grace));
        assertThat(media.objects(replay.id())).isEmpty();
        assertOnlyDeletedAssetsLostBytes(before, keptPreview, preview);

        Instant twoMonthsLater = monthsAfter(start, 2);
        assertThat(retention.deleteExpired(twoMonthsLater)).isEqualTo(1);
        purge.purgeDue(twoMonthsLater.plus(grace));
        assertThat(media.objects(preview.id())).isEmpty();
        assertOnlyDeletedAssetsLostBytes(before, keptPreview);

        assertRemovedOnceWithTheBytesStored(replay);
        assertRemovedOnceWithTheBytesStored(preview);
        assertThat(media.events(Events.VOD_MEDIA_REMOVED, keptPreview.id())).isEmpty();
    }

    @Test
    void aVerifiedReplayIsAnnouncedOnceWithItsOwnersChoiceToKeepOriginals() throws Exception {
        String teacher = "teacher-keeps-originals-" + System.nanoTime();
        policies.save(teacher, new RetentionPolicy(true, null, null));
        Asset replay = recordings.packaged(TestRecordings.ownedBy(recordings.lesson("lesson-" + System.nanoTime()), teacher));
        Asset preview = recordings.packaged(recordings.material(teacher));

        List<JsonNode> verified = media.events(Events.VOD_REPLAY_VERIFIED, replay.id());
        assertThat(verified).hasSize(1);
        assertThat(verified.get(0).path("keepOriginals").asBoolean()).isTrue();
        assertThat(verified.get(0).path("recordingId").asText()).isEqualTo(replay.recordingId());
        assertThat(media.events(Events.VOD_REPLAY_VERIFIED, preview.id())).as("a preview has no originals").isEmpty();

        Path scratch = Files.createTempDirectory("vod-verify");
        assertThat(verification.problems(replay, scratch)).isEmpty();
        StoredObject segment = media.objects(replay.id()).stream()
                .filter(object -> object.key().endsWith("chunk-stream0-00002.m4s")).findFirst().orElseThrow();
        storage.delete(segment.key());
        assertThat(verification.problems(replay, scratch)).anySatisfy(problem -> assertThat(problem).contains("chunk-stream0-00002.m4s"));
    }

    @Test
    void aPurgeCutShortByACrashIsFinishedByTheNextRunAndAnnouncedOnce() {
        String teacher = "teacher-purge-" + System.nanoTime();
        Asset preview = recordings.packaged(recordings.material(teacher));
        List<StoredObject> stored = media.objects(preview.id());
        List<JsonNode> storedEvents = media.events(Events.VOD_MEDIA_STORED, preview.id());
        assertThat(storedEvents).hasSize(1);
        assertThat(storedEvents.get(0).path("bytes").asLong())
                .isEqualTo(stored.stream().mapToLong(StoredObject::size).sum()).isPositive();
        // Whatever other tests deleted before is purged now, so that the crash below is this asset's alone.
        purge.purgeDue(Instant.now().plus(Duration.ofDays(3650)));

        given().auth().oauth2(TestTokens.teacher(teacher)).delete("/assets/{id}", preview.id()).then().statusCode(204);
        Duration grace = config.retention().deletionGrace();
        Duration lease = config.retention().purgeLease();
        Instant due = Instant.now().plus(grace).plusSeconds(1);
        assertThat(deletions.claimPurge(due.minus(grace), due, lease)).get()
                .extracting(claim -> claim.asset().id()).isEqualTo(preview.id());
        // The replica that claimed it dies after removing half the files.
        stored.subList(0, stored.size() / 2).forEach(object -> storage.delete(object.key()));

        assertThat(purge.purgeDue(due)).as("the dead replica's lease still holds").isZero();
        assertThat(purge.purgeDue(due.plus(lease))).isEqualTo(1);
        assertThat(media.objects(preview.id())).isEmpty();
        assertThat(deletions.purgedAt(preview.id())).isPresent();
        assertThat(purge.purgeDue(due.plus(lease).plus(Duration.ofDays(1)))).isZero();
        assertRemovedOnceWithTheBytesStored(preview);
    }

    @Test
    void aPackageMadeReadyBeforeVodCountedItIsCountedOnceFromWhatIsStored() {
        Asset preview = recordings.packaged(recordings.material("teacher-upgraded-" + System.nanoTime()));
        media.forgetCounted(preview.id(), VodEvents.VodMediaStored.eventId(preview.id()));
        long listed = media.objects(preview.id()).stream().mapToLong(StoredObject::size).sum();

        assertThat(backfill.countUncounted()).isEqualTo(1);
        assertThat(backfill.countUncounted()).isZero();

        assertThat(assets.storedBytes(preview.id())).isEqualTo(listed).isPositive();
        assertThat(media.events(Events.VOD_MEDIA_STORED, preview.id())).singleElement()
                .satisfies(stored -> assertThat(stored.path("bytes").asLong()).isEqualTo(listed));
    }

    private void assertRemovedOnceWithTheBytesStored(Asset asset) {
        List<JsonNode> removed = media.events(Events.VOD_MEDIA_REMOVED, asset.id());
        assertThat(removed).hasSize(1);
        assertThat(removed.get(0).path("ownerId").asText()).isEqualTo(asset.ownerId());
        assertThat(removed.get(0).path("bytes").asLong()).isPositive()
                .isEqualTo(media.events(Events.VOD_MEDIA_STORED, asset.id()).get(0).path("bytes").asLong());
    }

    /** Every byte stored before is still there, unchanged, except under assets someone deleted. */
    private void assertOnlyDeletedAssetsLostBytes(Map<String, String> before, Asset... kept) {
        List<String> deletedPrefixes = media.deletedAssetIds().stream().map(StoredMedia::prefix).toList();
        Map<String, String> expected = new TreeMap<>(before);
        expected.keySet().removeIf(key -> deletedPrefixes.stream().anyMatch(key::startsWith));
        for (Asset asset : kept) {
            assertThat(expected.keySet()).anyMatch(key -> key.startsWith(StoredMedia.prefix(asset.id())));
        }
        Map<String, String> now = media.fingerprints(media.allAssetIds());
        now.keySet().removeIf(key -> deletedPrefixes.stream().anyMatch(key::startsWith));
        assertThat(now).isEqualTo(expected);
    }

    private static Map<String, String> within(Map<String, String> fingerprints, Asset asset) {
        Map<String, String> ofAsset = new TreeMap<>(fingerprints);
        ofAsset.keySet().removeIf(key -> !key.startsWith(StoredMedia.prefix(asset.id())));
        return ofAsset;
    }

    private boolean deleted(Asset asset) {
        return assets.find(asset.id()).orElseThrow().isDeleted();
    }

    private static String playbackBase(Asset asset, String bearer) {
        String hls = given().auth().oauth2(bearer).post("/assets/{id}/playback", asset.id())
                .then().statusCode(200).extract().path("hls");
        given().get(hls).then().statusCode(200);
        return hls.replace("master.m3u8", "");
    }

    private static Instant monthsAfter(Instant start, int months) {
        return start.atZone(ZoneOffset.UTC).plusMonths(months).plusDays(1).toInstant();
    }
}
