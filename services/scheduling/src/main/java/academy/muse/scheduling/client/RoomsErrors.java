package academy.muse.scheduling.client;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Tells a refusal (4xx: asking again will not help) from rooms being down (5xx) by exception type, so that
 * {@link Rooms}' retries and circuit breaker, and the issuer, can treat them apart.
 */
public class RoomsErrors implements ResponseExceptionMapper<WebApplicationException> {

    @Override
    public WebApplicationException toThrowable(Response response) {
        return response.getStatus() < 500 ? new ClientErrorException(response) : new ServerErrorException(response);
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
