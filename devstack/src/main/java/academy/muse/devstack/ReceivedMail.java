package academy.muse.devstack;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One message as the SMTP server received it, decoded: what a person's mail program would show.
 *
 * @param to          every recipient address (To, Cc and Bcc as the SMTP envelope delivered it)
 * @param language    the {@code Content-Language} header, or null
 * @param messageId   the {@code Message-ID} header
 * @param text        the plain-text body
 * @param raw         the whole message as it travelled (headers and MIME body)
 */
public record ReceivedMail(List<String> to, String from, String subject, String language, String messageId,
                           Instant sentAt, String text, String raw) {

    static ReceivedMail of(MimeMessage message) throws MessagingException, IOException {
        Address[] recipients = message.getAllRecipients();
        List<String> to = recipients == null ? List.of()
                : Arrays.stream(recipients).map(address -> ((InternetAddress) address).getAddress()).toList();
        Address[] from = message.getFrom();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return new ReceivedMail(to, from == null || from.length == 0 ? null : from[0].toString(), message.getSubject(),
                message.getHeader("Content-Language", ","), message.getMessageID(),
                message.getSentDate() == null ? null : message.getSentDate().toInstant(), plainText(message),
                raw.toString(StandardCharsets.UTF_8));
    }

    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }
}
