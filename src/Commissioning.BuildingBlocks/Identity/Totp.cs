using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Commissioning.BuildingBlocks.Identity;

/// <summary>
/// Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as every authenticator app speaks
/// them. A code is accepted one step either side of now to allow for clock drift, and never twice (the caller
/// remembers the last step used).
/// </summary>
public static class Totp
{
    private const int StepSeconds = 30;
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>A new random 160-bit secret in Base32.</summary>
    public static string NewSecret() => Base32(RandomNumberGenerator.GetBytes(20));

    /// <summary>The 30-second step an instant falls in.</summary>
    public static long StepAt(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The 6-digit code of a step.</summary>
    public static string CodeAt(string secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        // RFC 6238's default, and the only algorithm every authenticator app supports. HMAC-SHA1 is not weakened by
        // SHA-1's collision attacks; the secret is 160 random bits.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(FromBase32(secret), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The step the code belongs to, or null when it matches none near now or was used already.</summary>
    public static long? Verify(string secret, string? code, DateTimeOffset now, long lastUsedStep)
    {
        var digits = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 6)
        {
            return null;
        }

        var current = StepAt(now);
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (step > lastUsedStep && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeAt(secret, step)), Encoding.ASCII.GetBytes(digits)))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>The otpauth URI authenticator apps read (typed in, or from a QR code).</summary>
    public static string KeyUri(string secret, string email) =>
        $"otpauth://totp/Commissioning:{Uri.EscapeDataString(email)}?secret={secret}&issuer=Commissioning&digits=6&period=30";

    /// <summary>The secret in groups of four, easier to type.</summary>
    public static string Grouped(string secret) => string.Join(' ', secret.Chunk(4).Select(c => new string(c)));

    private static string Base32(byte[] data)
    {
        var output = new StringBuilder();
        for (var bit = 0; bit < data.Length * 8; bit += 5)
        {
            var index = 0;
            for (var i = 0; i < 5; i++)
            {
                var b = bit + i;
                index = (index << 1) | (b < data.Length * 8 ? (data[b / 8] >> (7 - (b % 8))) & 1 : 0);
            }

            output.Append(Base32Alphabet[index]);
        }

        return output.ToString();
    }

    private static byte[] FromBase32(string text)
    {
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var output = new byte[clean.Length * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        return output;
    }
}
