package academy.muse.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 requests written by hand, for what REST Assured cannot do: send from a chosen local address (another
 * loopback address than the trusted proxy's) or with a chunked body.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** POSTs JSON from {@code localAddress} with the given X-Forwarded-For; returns the status code. */
    public static int postFrom(String localAddress, int port, String path, String forwardedFor, String json)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nX-Forwarded-For: " + forwardedFor
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        return exchange(localAddress, port, head, body);
    }

    /** POSTs JSON in one chunk, without a Content-Length; returns the status code. */
    public static int chunkedPostFrom(String localAddress, int port, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        String chunked = Integer.toHexString(body.length) + "\r\n" + json + "\r\n0\r\n\r\n";
        return exchange(localAddress, port, head, chunked.getBytes(StandardCharsets.UTF_8));
    }

    private static int exchange(String localAddress, int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(10_000);
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
