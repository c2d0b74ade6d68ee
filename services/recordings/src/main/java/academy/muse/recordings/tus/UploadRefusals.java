package academy.muse.recordings.tus;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.problem.ProblemMappers;
import academy.muse.recordings.upload.UploadRefused;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** How each refusal of the upload domain is answered: a problem+json with the status tus and HTTP give it. */
public class UploadRefusals {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response refused(UploadRefused refused, UriInfo uri) {
        return problems.problem(problemOf(refused), uri);
    }

    static ProblemException problemOf(UploadRefused refused) {
        int status = statusOf(refused.reason());
        Map<String, String> headers = refused.storedOffset().isPresent()
                ? Map.of(Tus.UPLOAD_OFFSET, String.valueOf(refused.storedOffset().getAsLong()))
                : Map.of();
        return new ProblemException(status, refused.reason().slug(), titleOf(status), refused.getMessage(), headers);
    }

    private static int statusOf(UploadRefused.Reason reason) {
        return switch (reason) {
            case INVALID_LENGTH, LENGTH_ALREADY_SET, INTERRUPTED, INVALID_METADATA, INVALID_ROOM_CODE,
                 INVALID_START_TIME -> 400;
            case NOT_YOURS, NOT_A_ROOM_PARTICIPANT, ROOM_CLOSED, TEACHERS_ONLY -> 403;
            case NOT_FOUND, UNKNOWN_ROOM -> 404;
            case FINISHED, OFFSET_MISMATCH, TAKEN_OVER -> 409;
            case EXPIRED -> 410;
            case TOO_LARGE -> 413;
            case NOT_A_RECORDING, UNSUPPORTED_MEDIA_TYPE -> 415;
            case EMPTY_UPLOAD, INVALID_KIND, MISSING_ROOM, IMPLAUSIBLE_START_TIME -> 422;
            case LOCKED -> 423;
            case CHECKSUM_MISMATCH -> Tus.CHECKSUM_MISMATCH;
            case STORAGE_UNAVAILABLE -> 503;
        };
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Invalid request";
            case 423 -> "Locked";
            case Tus.CHECKSUM_MISMATCH -> "Checksum mismatch";
            default -> "Temporarily unavailable";
        };
    }
}
