package academy.muse.recordings.tus;

import academy.muse.platform.security.Roles;
import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Caller;
import academy.muse.recordings.upload.ChunkChecksum;
import academy.muse.recordings.upload.Upload;
import academy.muse.recordings.upload.UploadRules;
import academy.muse.recordings.upload.UploadLifecycle;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * tus 1.0 resumable uploads (core, creation, creation-defer-length, termination, checksum, expiration) at
 * {@code /uploads}, public at {@code /api/recordings/uploads}. Validates the protocol's headers and leaves the rest
 * to {@link UploadLifecycle}. Every response carries {@code Tus-Resumable} ({@link TusFilters}).
 */
@Path("/uploads")
public class UploadResource {

    private final UploadLifecycle uploads;
    private final UploadRules rules;
    private final JsonWebToken token;

    UploadResource(UploadLifecycle uploads, UploadRules rules, JsonWebToken token) {
        this.uploads = uploads;
        this.rules = rules;
        this.token = token;
    }

    @OPTIONS
    public Response options() {
        return discovery();
    }

    @OPTIONS
    @Path("{id}")
    public Response optionsOfUpload() {
        return discovery();
    }

    @POST
    @RolesAllowed(Roles.USER)
    public Response create(@HeaderParam(Tus.UPLOAD_LENGTH) String length,
                           @HeaderParam(Tus.UPLOAD_DEFER_LENGTH) String deferLength,
                           @HeaderParam(Tus.UPLOAD_METADATA) String metadata,
                           @Context UriInfo uri) {
        Long announced = creationLength(length, deferLength);
        Upload upload = uploads.create(Caller.from(token), announced, UploadMetadataHeader.parse(metadata), metadata);
        // A path without scheme or host: the client resolves it against the address it posted to. A host taken
        // from the request (Host, X-Forwarded-Host) would be the client's to choose.
        String location = uri.getBaseUriBuilder().path("uploads").path(upload.id).build().getRawPath();
        return Response.status(201)
                .header("Location", location)
                .header(Tus.UPLOAD_EXPIRES, httpDate(upload))
                .build();
    }

    @HEAD
    @Path("{id}")
    @RolesAllowed(Roles.USER)
    public Response status(@PathParam("id") String id) {
        Upload upload = uploads.status(Caller.from(token), id);
        Response.ResponseBuilder response = Response.ok()
                .header(Tus.UPLOAD_OFFSET, upload.offset)
                .header("Cache-Control", "no-store");
        if (upload.lengthKnown()) {
            response.header(Tus.UPLOAD_LENGTH, upload.length);
        } else {
            response.header(Tus.UPLOAD_DEFER_LENGTH, "1");
        }
        if (upload.metadata != null && !upload.metadata.isBlank()) {
            response.header(Tus.UPLOAD_METADATA, upload.metadata);
        }
        if (upload.state == Upload.State.UPLOADING) {
            response.header(Tus.UPLOAD_EXPIRES, httpDate(upload));
        }
        return response.build();
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed(Roles.USER)
    public Response append(@PathParam("id") String id,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(Tus.UPLOAD_OFFSET) String offset,
                           @HeaderParam(Tus.UPLOAD_LENGTH) String length,
                           @HeaderParam(Tus.UPLOAD_CHECKSUM) String checksum,
                           InputStream body) {
        if (contentType == null || !contentType.split(";", 2)[0].trim().equalsIgnoreCase(Tus.CHUNK_CONTENT_TYPE)) {
            throw ProblemException.unsupportedMediaType("A PATCH must carry Content-Type " + Tus.CHUNK_CONTENT_TYPE);
        }
        long at = requiredNumber(Tus.UPLOAD_OFFSET, offset);
        Long announced = length == null ? null : requiredNumber(Tus.UPLOAD_LENGTH, length);
        ChunkChecksum expected = checksum == null ? null : UploadChecksumHeader.parse(checksum);
        Upload upload = uploads.append(Caller.from(token), id, at, announced, expected, body);
        Response.ResponseBuilder response = Response.noContent().header(Tus.UPLOAD_OFFSET, upload.offset);
        if (upload.state == Upload.State.UPLOADING) {
            response.header(Tus.UPLOAD_EXPIRES, httpDate(upload));
        }
        return response.build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.USER)
    public Response terminate(@PathParam("id") String id) {
        uploads.terminate(Caller.from(token), id);
        return Response.noContent().build();
    }

    private Response discovery() {
        return Response.noContent()
                .header(Tus.TUS_VERSION, Tus.VERSION)
                .header(Tus.TUS_EXTENSION, Tus.EXTENSIONS)
                .header(Tus.TUS_MAX_SIZE, rules.maxSize())
                .header(Tus.TUS_CHECKSUM_ALGORITHM, UploadChecksumHeader.ADVERTISED)
                .build();
    }

    private Long creationLength(String length, String deferLength) {
        if (length != null && deferLength != null) {
            throw ProblemException.badRequest("invalid-upload-length", "Send Upload-Length or Upload-Defer-Length, not both");
        }
        if (deferLength != null) {
            if (!"1".equals(deferLength.trim())) {
                throw ProblemException.badRequest("invalid-upload-length", "Upload-Defer-Length must be 1");
            }
            return null;
        }
        if (length == null) {
            throw ProblemException.badRequest("invalid-upload-length", "Upload-Length or Upload-Defer-Length: 1 is required");
        }
        long value = requiredNumber(Tus.UPLOAD_LENGTH, length);
        if (value > rules.maxSize()) {
            throw ProblemException.tooLarge("Upload-Length exceeds Tus-Max-Size " + rules.maxSize());
        }
        return value;
    }

    private static long requiredNumber(String header, String value) {
        if (value == null) {
            throw ProblemException.badRequest("missing-" + header.toLowerCase(), header + " is required");
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ProblemException.badRequest("invalid-" + header.toLowerCase(), header + " must be a non-negative integer");
    }

    private static String httpDate(Upload upload) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(upload.expiresAt.atOffset(ZoneOffset.UTC));
    }
}
