using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commissioning.BuildingBlocks.Notifications;

/// <summary>Sends the e-mails that are due. The job <c>notifications.send-emails</c> sends it every 30 seconds.</summary>
[SystemOnly]
internal sealed record SendNotificationEmails : ICommand<EmailDispatchResult>;

/// <summary>What one dispatcher run did.</summary>
/// <param name="Sent">E-mails the SMTP server accepted.</param>
/// <param name="Retrying">E-mails that failed this time and will be tried again.</param>
/// <param name="Failed">E-mails given up on: rejected for good, or out of attempts.</param>
internal sealed record EmailDispatchResult(int Sent, int Retrying, int Failed)
{
    public static EmailDispatchResult None { get; } = new(0, 0, 0);
}

/// <summary>One e-mail taken from the outbox, with what it says.</summary>
internal sealed record PendingEmail(
    Guid Id, string Address, string DisplayName, int Attempts, string Category, string Subject, string Body, string Link, string? Reference);

/// <summary>
/// Takes due e-mails from the outbox, sends each and marks it sent straight after the server accepts it.
/// </summary>
/// <remarks>
/// No transaction is held while talking to the SMTP server: a transaction holding row locks has a transaction id,
/// and an open one would hold back every module's async readers (their horizon, ADR 0003) for as long as the server
/// takes. Instead a short statement takes the rows by moving their next attempt a lease ahead (an e-mail whose
/// dispatcher dies is due again when the lease runs out) and counts the attempt; a second marks each one sent,
/// retrying or failed. Delivery is at least once: an e-mail is sent twice only if the process dies between the
/// server's acceptance and the mark, and its Message-ID is the same both times.
/// </remarks>
internal sealed class SendNotificationEmailsHandler(
    NpgsqlDataSource dataSource,
    NotificationSettings settings,
    TimeProvider clock,
    ILogger<SendNotificationEmailsHandler> logger) : IRequestHandler<SendNotificationEmails, EmailDispatchResult>
{
    private const string Schema = NotificationSchema.Name;

    public async Task<EmailDispatchResult> Handle(SendNotificationEmails request, CancellationToken cancellationToken)
    {
        if (!settings.Smtp.Enabled)
        {
            return EmailDispatchResult.None;
        }

        var claimed = await ClaimAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return EmailDispatchResult.None;
        }

        int sent = 0, retrying = 0, failed = 0;
        using var client = CreateClient();
        for (var i = 0; i < claimed.Count; i++)
        {
            var email = claimed[i];
            var outcome = await SendOneAsync(client, email, cancellationToken);
            if (outcome.Error is null)
            {
                await MarkSentAsync(email);
                sent++;
                continue;
            }

            if (outcome.Permanent || email.Attempts >= settings.MaxAttempts)
            {
                await MarkFailedAsync(email, outcome.Error, cancellationToken);
                failed++;
            }
            else
            {
                await RescheduleAsync(email, outcome.Error, cancellationToken);
                retrying++;
            }

            if (outcome.ServerUnreachable)
            {
                // The rest would fail the same way, each after its own timeout: they count this attempt and wait too.
                foreach (var rest in claimed.Skip(i + 1))
                {
                    var error = $"Not tried: the SMTP server could not be reached ({outcome.Error})";
                    if (rest.Attempts >= settings.MaxAttempts)
                    {
                        await MarkFailedAsync(rest, error, cancellationToken);
                        failed++;
                    }
                    else
                    {
                        await RescheduleAsync(rest, error, cancellationToken);
                        retrying++;
                    }
                }

                break;
            }
        }

        logger.LogInformation("E-mail dispatch: {Sent} sent, {Retrying} to retry, {Failed} failed, through {Smtp}", sent, retrying, failed, settings.Smtp);
        return new EmailDispatchResult(sent, retrying, failed);
    }

    private async Task<List<PendingEmail>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand($"""
            WITH due AS (
                SELECT id FROM {Schema}.emails
                WHERE status = 'pending' AND next_attempt_at <= $1
                ORDER BY next_attempt_at, id
                LIMIT $2
                FOR UPDATE SKIP LOCKED)
            UPDATE {Schema}.emails e SET attempts = e.attempts + 1, next_attempt_at = $3
            FROM due, {Schema}.notifications n
            WHERE e.id = due.id AND n.id = e.notification_id
            RETURNING e.id, e.address, e.display_name, e.attempts, n.category, n.subject, n.body, n.link, n.reference
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = settings.BatchSize });
        command.Parameters.Add(new NpgsqlParameter { Value = now + settings.ClaimLease });

        var claimed = new List<PendingEmail>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new PendingEmail(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return claimed;
    }

    private SmtpClient CreateClient()
    {
        var client = new SmtpClient(settings.Smtp.Host, settings.Smtp.Port)
        {
            EnableSsl = settings.Smtp.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)settings.Smtp.Timeout.TotalMilliseconds,
        };
        if (settings.Smtp.UserName is not null)
        {
            client.Credentials = new NetworkCredential(settings.Smtp.UserName, settings.Smtp.Password);
        }

        return client;
    }

    private async Task<SendOutcome> SendOneAsync(SmtpClient client, PendingEmail email, CancellationToken cancellationToken)
    {
        MailMessage message;
        try
        {
            message = NotificationEmail.Message(email, settings);
        }
        catch (FormatException e)
        {
            return new SendOutcome($"The address '{email.Address}' cannot be used: {e.Message}", Permanent: true, ServerUnreachable: false);
        }

        using (message)
        {
            // SmtpClient's Timeout covers only the synchronous Send; the asynchronous one is bounded here.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Smtp.Timeout);
            try
            {
                await client.SendMailAsync(message, timeout.Token);
                return SendOutcome.Accepted;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("E-mail {EmailId} timed out after {Timeout} (attempt {Attempt})", email.Id, settings.Smtp.Timeout, email.Attempts);
                return new SendOutcome($"Timed out after {settings.Smtp.Timeout}", Permanent: false, ServerUnreachable: true);
            }
            catch (SmtpFailedRecipientException e)
            {
                // 5xx: the server refuses this mailbox for good (550 no such user); 4xx: try later.
                var permanent = (int)e.StatusCode >= 500;
                logger.LogWarning("E-mail {EmailId} was refused by the SMTP server: {Status} (attempt {Attempt})", email.Id, e.StatusCode, email.Attempts);
                return new SendOutcome($"Refused: {(int)e.StatusCode} {e.Message}", permanent, ServerUnreachable: false);
            }
            catch (SmtpException e)
            {
                var unreachable = e.StatusCode == SmtpStatusCode.GeneralFailure || e.InnerException is SocketException or IOException;
                logger.LogWarning("E-mail {EmailId} could not be sent: {Error} (attempt {Attempt})", email.Id, Describe(e), email.Attempts);
                return new SendOutcome(Describe(e), Permanent: false, unreachable);
            }
            catch (InvalidOperationException e)
            {
                logger.LogWarning("E-mail {EmailId} could not be sent: {Error} (attempt {Attempt})", email.Id, e.Message, email.Attempts);
                return new SendOutcome(e.Message, Permanent: false, ServerUnreachable: false);
            }
        }
    }

    private static string Describe(Exception e) =>
        e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}";

    private async Task MarkSentAsync(PendingEmail email)
    {
        // Not cancelled with the run: the server has the message, and forgetting that would send it again.
        await ExecuteAsync($"UPDATE {Schema}.emails SET status = 'sent', sent_at = $2, last_error = NULL WHERE id = $1",
            CancellationToken.None, email.Id, clock.GetUtcNow());
    }

    private async Task RescheduleAsync(PendingEmail email, string error, CancellationToken cancellationToken) =>
        await ExecuteAsync($"UPDATE {Schema}.emails SET next_attempt_at = $2, last_error = $3 WHERE id = $1",
            cancellationToken, email.Id, clock.GetUtcNow() + settings.DelayAfter(email.Attempts), Truncate(error));

    private async Task MarkFailedAsync(PendingEmail email, string error, CancellationToken cancellationToken)
    {
        logger.LogError("E-mail {EmailId} ({Category}) was given up after {Attempts} attempt(s): {Error}", email.Id, email.Category, email.Attempts, error);
        await ExecuteAsync($"UPDATE {Schema}.emails SET status = 'failed', last_error = $2 WHERE id = $1",
            cancellationToken, email.Id, Truncate(error));
    }

    private static string Truncate(string error) => error.Length <= 1000 ? error : error[..1000];

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record SendOutcome(string? Error, bool Permanent, bool ServerUnreachable)
    {
        public static SendOutcome Accepted { get; } = new(null, false, false);
    }
}
