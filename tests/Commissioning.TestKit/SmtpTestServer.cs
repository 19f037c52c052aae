using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Commissioning.TestKit;

/// <summary>One message the test SMTP server accepted.</summary>
/// <param name="MailFrom">The envelope sender (MAIL FROM).</param>
/// <param name="Recipients">The envelope recipients (RCPT TO), as given.</param>
/// <param name="Headers">The message's headers, names case-insensitive, values unfolded and decoded.</param>
/// <param name="Subject">The decoded Subject header.</param>
/// <param name="Body">The decoded text of the body, with CRLF line ends and none at its end.</param>
/// <param name="Raw">The DATA as received, dot-stuffing removed.</param>
public sealed record SmtpTestMessage(
    string MailFrom, IReadOnlyList<string> Recipients, IReadOnlyDictionary<string, string> Headers, string Subject, string Body, string Raw);

/// <summary>
/// A small SMTP server on a free loopback port, for tests: it speaks enough of the protocol for a client to deliver
/// (EHLO or HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT), keeps every message it accepts, and can refuse
/// chosen recipients. A message is kept before the server answers DATA, so once a client's send returns the test
/// can read it without waiting.
/// </summary>
public sealed partial class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SmtpTestMessage> _messages = new();
    private readonly ConcurrentDictionary<string, byte> _refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Task, byte> _sessions = new();
    private readonly Task _accepting;
    private int _connections;

    private SmtpTestServer(TcpListener listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback address it listens on.</summary>
    public string Host => ((IPEndPoint)_listener.LocalEndpoint).Address.ToString();

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<SmtpTestMessage> Messages => [.. _messages];

    /// <summary>How many connections clients have opened.</summary>
    public int Connections => _connections;

    /// <summary>Starts listening on <paramref name="port"/>, or on a free port when it is 0.</summary>
    public static SmtpTestServer Start(int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new SmtpTestServer(listener);
    }

    /// <summary>A loopback port nothing listens on (at the moment of asking): an SMTP server that is down.</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Answers RCPT TO for <paramref name="address"/> with 550 (mailbox unavailable) from now on.</summary>
    public void Refuse(string address) => _refused[address] = 0;

    /// <summary>Stops listening and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
            await Task.WhenAll(_sessions.Keys);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // closing down
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            var session = ServeAsync(client);
            _sessions[session] = 0;
            _ = session.ContinueWith(t => _sessions.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        try
        {
            await using var stream = connection.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            var token = _stop.Token;

            await writer.WriteLineAsync("220 localhost SmtpTestServer ready");
            string? from = null;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost greets you");
                        await writer.WriteLineAsync("250-8BITMIME");
                        await writer.WriteLineAsync("250 SMTPUTF8");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = Address(line);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        var to = Address(line);
                        if (_refused.ContainsKey(to))
                        {
                            await writer.WriteLineAsync("550 5.1.1 No such mailbox here");
                        }
                        else
                        {
                            recipients.Add(to);
                            await writer.WriteLineAsync("250 OK");
                        }

                        break;
                    case "DATA" when from is null || recipients.Count == 0:
                        await writer.WriteLineAsync("503 5.5.1 MAIL FROM and RCPT TO first");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var raw = await ReadDataAsync(reader, token);
                        _messages.Enqueue(Parse(from!, recipients, raw));
                        from = null;
                        recipients = [];
                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        break;
                    case "RSET":
                        from = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // the client went away, or the server is stopping
        }
    }

    private static async Task<string> ReadDataAsync(StreamReader reader, CancellationToken token)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(token) is { } line && line != ".")
        {
            data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        }

        return data.ToString();
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static SmtpTestMessage Parse(string from, List<string> recipients, string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerText = split < 0 ? raw : raw[..split];
        var bodyText = split < 0 ? "" : raw[(split + 4)..];

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? name = null;
        foreach (var line in headerText.Split("\r\n"))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && name is not null)
            {
                headers[name] += " " + line.Trim();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                name = line[..colon].Trim();
                headers[name] = line[(colon + 1)..].Trim();
            }
        }

        foreach (var key in headers.Keys.ToList())
        {
            headers[key] = DecodeWords(headers[key]);
        }

        var charset = Charset(headers.GetValueOrDefault("Content-Type"));
        var body = headers.GetValueOrDefault("Content-Transfer-Encoding")?.ToLowerInvariant() switch
        {
            "base64" => charset.GetString(Convert.FromBase64String(string.Concat(bodyText.Split("\r\n")))),
            "quoted-printable" => charset.GetString(QuotedPrintable(bodyText, underscoreIsSpace: false)),
            _ => bodyText,
        };

        return new SmtpTestMessage(from, [.. recipients], headers, headers.GetValueOrDefault("Subject") ?? "", body.TrimEnd('\r', '\n'), raw);
    }

    private static Encoding Charset(string? contentType)
    {
        var match = contentType is null ? null : CharsetPattern().Match(contentType);
        return match is { Success: true } ? Encoding.GetEncoding(match.Groups[1].Value) : Encoding.UTF8;
    }

    /// <summary>RFC 2047 encoded words (=?utf-8?B?...?= and =?utf-8?Q?...?=), adjacent ones joined.</summary>
    private static string DecodeWords(string value) =>
        EncodedWord().Replace(BetweenWords().Replace(value, "?==?"), m =>
        {
            var encoding = Encoding.GetEncoding(m.Groups[1].Value);
            var text = m.Groups[3].Value;
            return string.Equals(m.Groups[2].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? encoding.GetString(Convert.FromBase64String(text))
                : encoding.GetString(QuotedPrintable(text, underscoreIsSpace: true));
        });

    private static byte[] QuotedPrintable(string text, bool underscoreIsSpace)
    {
        var bytes = new List<byte>();
        var source = text.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '=' && i + 2 < source.Length && Uri.IsHexDigit(source[i + 1]) && Uri.IsHexDigit(source[i + 2]))
            {
                bytes.Add(byte.Parse(source.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (c == '_' && underscoreIsSpace)
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"charset=""?([A-Za-z0-9_\-]+)""?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=", RegexOptions.CultureInvariant)]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\?=\s+=\?", RegexOptions.CultureInvariant)]
    private static partial Regex BetweenWords();
}
