using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Messages.Partnership;

/// <summary>The host's <c>create-api-key</c> verb: a key for one organisation and one role (api.md).</summary>
/// <param name="OrganisationCode">A GSS code for a borough, or the code of a provider or private organisation.</param>
/// <param name="Role">One of api.md's roles.</param>
/// <param name="Label">What the key is for; a default is made from the role and organisation when empty.</param>
[SystemOnly]
public sealed record IssueApiKey(string OrganisationCode, string Role, string? Label) : ICommand<IssuedApiKey>;

/// <summary>The new key, shown once.</summary>
/// <param name="KeyId">The key's public id (for revoking it).</param>
/// <param name="Key">The bearer token.</param>
public sealed record IssuedApiKey(string KeyId, string Key);

/// <summary>The host's <c>create-account</c> verb: the first partnership admin of a new installation, or any account.</summary>
/// <param name="Email">Work e-mail address, the sign-in name.</param>
/// <param name="Name">Full name.</param>
/// <param name="OrganisationCode">The person's organisation.</param>
/// <param name="Role">One of api.md's roles.</param>
[SystemOnly]
public sealed record CreateAccount(string Email, string Name, string OrganisationCode, string Role) : ICommand<CreatedAccount>;

/// <summary>The new account and its temporary password, shown once; the person chooses their own at first sign-in.</summary>
/// <param name="PersonId">The account's id.</param>
/// <param name="TemporaryPassword">The temporary password.</param>
public sealed record CreatedAccount(Guid PersonId, string TemporaryPassword);
