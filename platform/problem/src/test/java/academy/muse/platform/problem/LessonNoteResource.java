package academy.muse.platform.problem;

import academy.muse.contracts.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A resource as a service writes one, to see the shared error mapping from the outside. */
@Path("/test/notes")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LessonNoteResource {

    public record Note(@NotBlank @Size(max = 20) String title, int minutes) {
    }

    @POST
    public Note create(@Valid Note note) {
        if (note.minutes() > 600) {
            throw ProblemException.tooManyRequests("Slow down", 30);
        }
        return note;
    }
}
