package academy.muse.devstack;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedSmtpTest {

    private EmbeddedSmtp smtp;
    private MailListing listing;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        smtp = EmbeddedSmtp.start("127.0.0.1", freePort());
        listing = MailListing.start(smtp, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        listing.close();
        smtp.close();
    }

    @Test
    void aMailSentOverSmtpIsReadBackDecodedWithItsLanguageAndText() throws MessagingException {
        send("sara@example.org", "Einladung – 초대", "Hallo Sara, 안녕하세요");

        assertThat(smtp.received()).singleElement().satisfies(mail -> {
            assertThat(mail.to()).containsExactly("sara@example.org");
            assertThat(mail.subject()).isEqualTo("Einladung – 초대");
            assertThat(mail.language()).isEqualTo("ko");
            assertThat(mail.text()).contains("안녕하세요");
        });
    }

    @Test
    void theListingShowsEveryMessageEscapedAndEachMessageAsItTravelled() throws Exception {
        send("mina@example.org", "<b>Storage</b> at 80%", "You have used 80% of your storage.");

        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("mina@example.org", "&lt;b&gt;Storage&lt;/b&gt; at 80%")
                .doesNotContain("<b>Storage");
        HttpResponse<String> message = get("/messages/0");
        assertThat(message.statusCode()).isEqualTo(200);
        assertThat(message.body()).contains("To: mina@example.org", "Subject: <b>Storage</b> at 80%",
                "You have used 80% of your storage.");
        assertThat(get("/messages/0/raw").body()).contains("Content-Transfer-Encoding:", "MIME-Version: 1.0");
        assertThat(get("/messages/1").statusCode()).isEqualTo(404);
        assertThat(get("/messages/1/raw").statusCode()).isEqualTo(404);
    }

    @Test
    void aKoreanMessageIsShownDecodedNotAsItsTransferEncoding() throws Exception {
        send("sara@example.org", "초대", "안녕하세요, 사라님");

        assertThat(get("/messages/0").body()).contains("Subject: 초대", "안녕하세요, 사라님");
        assertThat(get("/messages/0/raw").body()).doesNotContain("안녕하세요");
    }

    @Test
    void theListingIsReadOnly() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(listingUri("/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private void send(String to, String subject, String text) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("no-reply@muse.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.setHeader("Content-Language", "ko");
        Transport.send(message);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(listingUri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI listingUri(String path) {
        return URI.create("http://127.0.0.1:" + listing.port() + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
