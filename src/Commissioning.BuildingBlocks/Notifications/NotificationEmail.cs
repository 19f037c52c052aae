using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Commissioning.BuildingBlocks.Notifications;

/// <summary>
/// The e-mail for one recipient of a notification: its subject, its text, its pseudonymous reference and a link to
/// sign in and see more. Nothing else goes in (no audience, no names but the recipient's own on the To line).
/// </summary>
internal static class NotificationEmail
{
    public const string Footer =
        "You are receiving this because of your role in the partnership's Commissioning system. " +
        "Its e-mails never name a child: sign in to see the details.";

    public static string Text(string subject, string body, string? reference, string absoluteLink)
    {
        var text = new StringBuilder();
        text.Append(subject).Append("\r\n\r\n");
        if (!string.IsNullOrWhiteSpace(body))
        {
            text.Append(body.ReplaceLineEndings("\r\n")).Append("\r\n\r\n");
        }

        if (reference is not null)
        {
            text.Append("Reference: ").Append(reference).Append("\r\n");
        }

        text.Append("Open it in Commissioning: ").Append(absoluteLink).Append("\r\n\r\n");
        text.Append(Footer);
        return text.ToString();
    }

    public static MailMessage Message(PendingEmail email, NotificationSettings settings)
    {
        var from = new MailAddress(settings.Smtp.From);
        var message = new MailMessage
        {
            From = from,
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = Text(email.Subject, email.Body, email.Reference, settings.AbsoluteLink(email.Link)),
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(email.Address, email.DisplayName));
        // The same id on a repeat send (after a crash between sending and marking sent) lets mail systems drop it.
        message.Headers.Add("Message-ID", $"<{email.Id:N}@{from.Host}>");
        // RFC 3834: out-of-office replies and other robots should not answer.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Commissioning-Category", email.Category);
        return message;
    }
}
