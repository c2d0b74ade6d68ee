package academy.muse.recordings.tus;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.mediastore.MediaStorage;
import academy.muse.recordings.support.MediaFiles;
import academy.muse.recordings.support.Rooms;
import academy.muse.recordings.housekeeping.Housekeeping;
import academy.muse.recordings.upload.Upload;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import static academy.muse.recordings.support.TusRequests.create;
import static academy.muse.recordings.support.TusRequests.createDeferred;
import static academy.muse.recordings.support.TusRequests.createdPath;
import static academy.muse.recordings.support.TusRequests.material;
import static academy.muse.recordings.support.TusRequests.metadata;
import static academy.muse.recordings.support.TusRequests.patch;
import static academy.muse.recordings.support.TusRequests.track;
import static academy.muse.recordings.support.TusRequests.tus;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The tus 1.0 protocol as a client meets it: core, creation, defer-length, checksum, termination, expiration. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class UploadProtocolTest {

    @Inject
    Rooms rooms;
    @Inject
    MediaStorage storage;
    @Inject
    Housekeeping housekeeping;

    String teacher;
    String student;
    String teacherToken;
    String studentToken;
    String room;

    @BeforeEach
    void openRoom() {
        teacher = "t-" + UUID.randomUUID();
        student = "s-" + UUID.randomUUID();
        teacherToken = TestTokens.teacher(teacher, student);
        studentToken = TestTokens.student(student, teacher);
        room = rooms.open(teacher, student);
    }

    @Test
    void aRoomTicketIsNotAUserToken() {
        String roomTicket = TestTokens.roomTicket("k7m-2qd-x9a-4hb", "student-sara", "participant", "Sara");
        create(roomTicket, 1024, track("k7m-2qd-x9a-4hb"))
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void optionsAdvertisesTheVersionExtensionsMaximumSizeAndChecksums() {
        given().options("/uploads").then().statusCode(204)
                .header("Tus-Resumable", "1.0.0")
                .header("Tus-Version", "1.0.0")
                .header("Tus-Extension", "creation,creation-defer-length,termination,checksum,expiration")
                .header("Tus-Max-Size", notNullValue())
                .header("Tus-Checksum-Algorithm", containsString("sha1"));
    }

    @Test
    void theLocationOfANewUploadIsItsPathBehindTheGatewayWhateverHostTheClientClaims() {
        tus(studentToken).header("Upload-Length", 10).header("Upload-Metadata", metadata(track(room)))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Prefix", "/api/recordings")
                .post("/uploads")
                .then().statusCode(201)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Expires", notNullValue())
                .header("Location", org.hamcrest.Matchers.matchesPattern("/api/recordings/uploads/[0-9a-f]{32}"));
        tus(studentToken).header("Upload-Length", 10).header("Upload-Metadata", metadata(track(room)))
                .header("Host", "evil.example").post("/uploads")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.matchesPattern("/uploads/[0-9a-f]{32}"));
    }

    @Test
    void anUploadInChunksReachesItsLengthAndIsStoredWithItsSha256() throws Exception {
        byte[] bytes = MediaFiles.randomRecording(300_000);
        String path = createdPath(create(studentToken, bytes.length, track(room)));

        patch(studentToken, path, 0, Arrays.copyOfRange(bytes, 0, 100_000)).then().statusCode(204)
                .header("Upload-Offset", "100000").header("Tus-Resumable", "1.0.0");
        tus(studentToken).head(path).then().statusCode(200).header("Upload-Offset", "100000")
                .header("Upload-Length", "300000").header("Cache-Control", "no-store")
                .header("Upload-Metadata", containsString("kind "));
        patch(studentToken, path, 100_000, Arrays.copyOfRange(bytes, 100_000, 300_000)).then().statusCode(204)
                .header("Upload-Offset", "300000").header("Upload-Expires", nullValue());

        Upload upload = uploadAt(path);
        assertThat(upload.state).isEqualTo(Upload.State.COMPLETE);
        assertThat(upload.sha256).isEqualTo(sha256Hex(bytes));
        try (var in = storage.read(upload.storageKey)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void aTrackOfDeferredLengthGrowsUntilTheClientNamesItsLength() {
        byte[] bytes = MediaFiles.randomRecording(50_000);
        String path = createdPath(createDeferred(studentToken, track(room)));
        tus(studentToken).head(path).then().statusCode(200).header("Upload-Defer-Length", "1")
                .header("Upload-Length", nullValue());

        patch(studentToken, path, 0, Arrays.copyOfRange(bytes, 0, 20_000)).then().statusCode(204);
        tus(studentToken).header("Upload-Offset", 20_000).header("Upload-Length", bytes.length)
                .contentType("application/offset+octet-stream").body(Arrays.copyOfRange(bytes, 20_000, 50_000))
                .patch(path).then().statusCode(204).header("Upload-Offset", "50000");

        assertThat(uploadAt(path).state).isEqualTo(Upload.State.COMPLETE);
        assertThat(uploadAt(path).length).isEqualTo(50_000L);
    }

    @Test
    void aChunkWithAMatchingChecksumIsAcceptedAndAMismatchIsRefusedWith460AndDiscarded() throws Exception {
        byte[] bytes = MediaFiles.randomRecording(2_000);
        String path = createdPath(create(studentToken, bytes.length, track(room)));
        byte[] first = Arrays.copyOfRange(bytes, 0, 1_000);

        tus(studentToken).header("Upload-Offset", 0).header("Upload-Checksum", "sha1 " + digest("SHA-1", first))
                .contentType("application/offset+octet-stream").body(first).patch(path)
                .then().statusCode(204).header("Upload-Offset", "1000");
        tus(studentToken).header("Upload-Offset", 1_000).header("Upload-Checksum", "sha1 " + digest("SHA-1", first))
                .contentType("application/offset+octet-stream").body(Arrays.copyOfRange(bytes, 1_000, 2_000)).patch(path)
                .then().statusCode(460).contentType("application/problem+json")
                .body("type", containsString("checksum-mismatch"));

        tus(studentToken).head(path).then().header("Upload-Offset", "1000");
        assertThat(storage.size(uploadAt(path).storageKey)).isEqualTo(1_000);
        tus(studentToken).header("Upload-Offset", 0).header("Upload-Checksum", "crc32 AAAA")
                .contentType("application/offset+octet-stream").body(first).patch(path)
                .then().statusCode(400).body("type", containsString("unsupported-checksum-algorithm"));
    }

    @Test
    void aPatchAtTheWrongOffsetIsRefusedWith409AndTheStoredOffset() {
        String path = createdPath(create(studentToken, 100, track(room)));
        patch(studentToken, path, 0, MediaFiles.randomRecording(40)).then().statusCode(204);

        patch(studentToken, path, 10, MediaFiles.randomRecording(10)).then().statusCode(409).header("Upload-Offset", "40")
                .body("type", containsString("offset-mismatch"));
    }

    @Test
    void bytesBeyondTheAnnouncedLengthAreRefusedAndNothingOfThatChunkIsKept() {
        String path = createdPath(create(studentToken, 100, track(room)));
        patch(studentToken, path, 0, MediaFiles.randomRecording(60)).then().statusCode(204);

        patch(studentToken, path, 60, MediaFiles.randomRecording(50)).then().statusCode(413);

        tus(studentToken).head(path).then().header("Upload-Offset", "60");
        assertThat(storage.size(uploadAt(path).storageKey)).isEqualTo(60);
    }

    @Test
    void requestsWithoutTheProtocolVersionOrWithTheWrongContentTypeAreRefused() {
        String path = createdPath(create(studentToken, 100, track(room)));

        given().header("Authorization", "Bearer " + studentToken).head(path).then().statusCode(412)
                .header("Tus-Version", "1.0.0");
        given().header("Authorization", "Bearer " + studentToken).header("Tus-Resumable", "0.2.2")
                .header("Upload-Length", 5).header("Upload-Metadata", metadata(track(room))).post("/uploads")
                .then().statusCode(412);
        tus(studentToken).header("Upload-Offset", 0).contentType("application/octet-stream").body(MediaFiles.randomRecording(5))
                .patch(path).then().statusCode(415);
        tus(studentToken).contentType("application/offset+octet-stream").body(MediaFiles.randomRecording(5)).patch(path)
                .then().statusCode(400).body("type", containsString("upload-offset"));
        tus(studentToken).header("Upload-Offset", "-1").contentType("application/offset+octet-stream")
                .body(MediaFiles.randomRecording(5)).patch(path).then().statusCode(400);
    }

    @Test
    void malformedCreationRequestsAreRefusedWithAProblem() {
        tus(studentToken).header("Upload-Metadata", metadata(track(room))).post("/uploads")
                .then().statusCode(400).contentType("application/problem+json");
        tus(studentToken).header("Upload-Length", "ten").header("Upload-Metadata", metadata(track(room))).post("/uploads")
                .then().statusCode(400);
        tus(studentToken).header("Upload-Length", 10).header("Upload-Defer-Length", "1")
                .header("Upload-Metadata", metadata(track(room))).post("/uploads").then().statusCode(400);
        tus(studentToken).header("Upload-Length", 10).header("Upload-Metadata", "kind !!notbase64!!").post("/uploads")
                .then().statusCode(400).body("type", containsString("invalid-upload-metadata"));
        tus(studentToken).header("Upload-Length", 0).header("Upload-Metadata", metadata(track(room))).post("/uploads")
                .then().statusCode(422).body("type", containsString("empty-upload"));
        var noKind = track(room);
        noKind.put("kind", "podcast");
        create(studentToken, 10, noKind).then().statusCode(422).body("type", containsString("invalid-kind"));
        var badStart = track(room);
        badStart.put("startedAt", Instant.now().plusSeconds(3600).toString());
        create(studentToken, 10, badStart).then().statusCode(422).body("type", containsString("implausible-start-time"));
        badStart.put("startedAt", "yesterday");
        create(studentToken, 10, badStart).then().statusCode(400).body("type", containsString("invalid-start-time"));
    }

    @Test
    void aClientReportedStartInServerTimeIsKeptAsTheTracksStart() {
        Instant startedAt = Instant.now().minusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        var metadata = track(room);
        metadata.put("startedAt", startedAt.toString());

        String path = createdPath(create(studentToken, 10, metadata));

        assertThat(uploadAt(path).startedAt).isEqualTo(startedAt);
    }

    @Test
    void disallowedMimeTypesAreRefusedWith415() {
        var pdf = track(room);
        pdf.put("mimeType", "application/pdf");
        create(studentToken, 10, pdf).then().statusCode(415).body("type", containsString("unsupported-media-type"));
        var none = track(room);
        none.remove("mimeType");
        create(studentToken, 10, none).then().statusCode(415);
        var audio = track(room);
        audio.put("mimeType", "audio/ogg");
        create(studentToken, 10, audio).then().statusCode(201);
    }

    @Test
    void materialsBeyondTheKindsSizeLimitOrTheTeachersQuotaAreRefusedWith413() {
        create(teacherToken, 20_000_001, material("too big")).then().statusCode(413).body("type", containsString("too-large"));
        create(teacherToken, 19_000_000, material("Etude 1")).then().statusCode(201);
        create(teacherToken, 19_000_000, material("Etude 2")).then().statusCode(201);
        create(teacherToken, 19_000_000, material("Etude 3")).then().statusCode(413)
                .contentType("application/problem+json").body("type", containsString("quota-exceeded"))
                .body("detail", containsString("Lessons are still recorded in full"));
        create(studentToken, Long.MAX_VALUE, track(room)).then().statusCode(413).body("type", containsString("too-large"));
    }

    @Test
    void aDeferredMaterialStopsAtTheQuota() {
        String path = createdPath(createDeferred(teacherToken, material("Scales")));
        create(teacherToken, 19_995_000, material("Etude 1")).then().statusCode(201);
        create(teacherToken, 19_995_000, material("Etude 2")).then().statusCode(201);
        create(teacherToken, 9_995_000, material("Etude 3")).then().statusCode(201);

        patch(teacherToken, path, 0, MediaFiles.randomRecording(20_000)).then().statusCode(413).body("type", containsString("quota-exceeded"));
        tus(teacherToken).head(path).then().header("Upload-Offset", "0");
    }

    @Test
    void terminationDeletesTheUploadAndItsBytes() {
        String path = createdPath(create(studentToken, 100, track(room)));
        patch(studentToken, path, 0, MediaFiles.randomRecording(30)).then().statusCode(204);
        String key = uploadAt(path).storageKey;

        tus(studentToken).delete(path).then().statusCode(204).header("Tus-Resumable", "1.0.0");

        tus(studentToken).head(path).then().statusCode(404);
        assertThat(storage.exists(key)).isFalse();
    }

    @Test
    void aClientThatCannotSendPatchOrDeleteMayOverrideThePostMethod() {
        String path = createdPath(create(studentToken, 10, track(room)));

        tus(studentToken).header("X-HTTP-Method-Override", "PATCH").header("Upload-Offset", 0)
                .contentType("application/offset+octet-stream").body(MediaFiles.randomRecording(10)).post(path)
                .then().statusCode(204).header("Upload-Offset", "10");
    }

    @Test
    void anUploadWithNoNewBytesPastItsExpiryIsGoneAndCleanedUp() {
        String path = createdPath(create(studentToken, 100, track(room)));
        patch(studentToken, path, 0, MediaFiles.randomRecording(30)).then().statusCode(204);
        Upload upload = uploadAt(path);
        upload.expiresAt = Instant.now().minusSeconds(1);
        upload.update();

        tus(studentToken).head(path).then().statusCode(410);
        housekeeping.runOnce(Instant.now());

        tus(studentToken).head(path).then().statusCode(404);
        assertThat(storage.exists(upload.storageKey)).isFalse();
    }

    @Test
    void withoutAValidTokenNothingIsAccepted() {
        Response noToken = given().header("Tus-Resumable", "1.0.0").header("Upload-Length", 10)
                .header("Upload-Metadata", metadata(track(room))).post("/uploads");
        noToken.then().statusCode(401).header("Tus-Resumable", "1.0.0");
        given().header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + TestTokens.expiredUser(student, "student"))
                .header("Upload-Length", 10).header("Upload-Metadata", metadata(track(room))).post("/uploads")
                .then().statusCode(401);
        String path = createdPath(create(studentToken, 10, track(room)));
        given().header("Tus-Resumable", "1.0.0").head(path).then().statusCode(401);
    }

    @Test
    void nobodyButItsOwnerMayResumeInspectOrTerminateAnUpload() {
        String path = createdPath(create(studentToken, 10, track(room)));

        tus(teacherToken).head(path).then().statusCode(403);
        patch(teacherToken, path, 0, MediaFiles.randomRecording(10)).then().statusCode(403).body("type", containsString("not-your-upload"));
        tus(teacherToken).delete(path).then().statusCode(403);
        tus(studentToken).head("/uploads/" + "0".repeat(32)).then().statusCode(404);
    }

    @Test
    void onlyTheRoomsParticipantsMayUploadItsTracksAndOnlyWhileItIsOpen() {
        String stranger = TestTokens.student("stranger-" + UUID.randomUUID());
        create(stranger, 10, track(room)).then().statusCode(403).body("type", containsString("not-a-room-participant"));
        String observer = TestTokens.observer("o-" + UUID.randomUUID(), student);
        create(observer, 10, track(room)).then().statusCode(403);
        create(studentToken, 10, track("NOSUCHROOM")).then().statusCode(404).body("type", containsString("unknown-room"));
        var noRoom = track(room);
        noRoom.remove("roomCode");
        create(studentToken, 10, noRoom).then().statusCode(422);
        noRoom.put("lessonOccurrenceId", "occ-" + room);
        create(studentToken, 10, noRoom).then().statusCode(201);
        create(teacherToken, 10, track(room)).then().statusCode(201);

        rooms.close(room);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                create(studentToken, 10, track(room)).then().statusCode(403).body("type", containsString("room-closed")));
    }

    @Test
    void onlyTeachersUploadMaterials() {
        create(studentToken, 10, material("my etude")).then().statusCode(403).body("type", containsString("teachers-only"));
        create(teacherToken, 10, material("Bach partita, bars 1-16")).then().statusCode(201);
    }

    private static Upload uploadAt(String path) {
        return Upload.findById(path.substring(path.lastIndexOf('/') + 1));
    }

    static String digest(String algorithm, byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    static String sha256Hex(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
