using System.Security.Cryptography;
using Commissioning.BuildingBlocks.Identity;
using Microsoft.AspNetCore.Identity;

namespace Commissioning.Partnership.People;

/// <summary>Sign-in settings (section <c>Commissioning:SignIn</c>).</summary>
internal sealed class SignInOptions
{
    /// <summary>Wrong passwords or codes in a row before the account is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a signed-in session lasts without activity.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Roles that see child-level data, and the admin who manages accounts, must use a second factor.</summary>
    public IReadOnlyList<string> RolesRequiringSecondFactor { get; set; } =
        [Roles.PartnershipAdmin, Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager, Roles.Provider];
}

/// <summary>Passwords: hashed with ASP.NET Core Identity's hasher (PBKDF2); long rather than complex, as the NCSC advises.</summary>
internal static class Passwords
{
    public const int MinimumLength = 12;

    private static readonly PasswordHasher<PersonRecord> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(null!, hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;

    /// <summary>A temporary password shown once to the admin: 16 random letters and digits in four groups.</summary>
    public static string NewTemporary()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 16);
        return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
    }

    /// <summary>Why a new password is not acceptable, or null.</summary>
    public static string? Problem(string? password, string email) => password switch
    {
        null or "" => "Enter a new password",
        { Length: < MinimumLength } => $"The password must be at least {MinimumLength} characters long",
        { Length: > 200 } => "The password must be 200 characters or fewer",
        _ when password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) => "The password must not contain your e-mail name",
        _ when password.Distinct().Count() < 5 => "Choose a password with more different characters",
        _ => null,
    };
}
