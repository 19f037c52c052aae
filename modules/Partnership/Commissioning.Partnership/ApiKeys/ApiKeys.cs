using System.Security.Cryptography;
using System.Text;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Partnership.Organisations;
using Commissioning.Partnership.People;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Partnership.ApiKeys;

[EventType("partnership.api-key-created.v1")]
internal sealed record ApiKeyCreated(string KeyId, string OrganisationCode, string Role, string Label, byte[] SecretHash);

[EventType("partnership.api-key-revoked.v1")]
internal sealed record ApiKeyRevoked(string KeyId);

/// <summary>
/// An API key is "cmk_" + a public id + "_" + a 256-bit secret. Only a SHA-256 of the secret is stored: the secret
/// is random and long, so a slow password hash would add nothing but latency to every API call.
/// </summary>
internal static class ApiKeyFormat
{
    public const string Prefix = "cmk_";

    public static (string KeyId, string Secret, string Key) New()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    public static (string KeyId, string Secret)? Parse(string? key)
    {
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = key[Prefix.Length..].Split('_', 2);
        return parts.Length == 2 && parts[0].Length == 12 && parts[1].Length > 20 ? (parts[0], parts[1]) : null;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiKeysProjection : Projection
{
    public override string Name => "api-keys";

    public override IReadOnlyList<string> OwnedTables { get; } = ["partnership.api_keys"];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        switch (storedEvent.Data)
        {
            case ApiKeyCreated e:
                commands.Execute("""
                    INSERT INTO partnership.api_keys (id, organisation_code, role, label, secret_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """, e.KeyId, e.OrganisationCode, e.Role, e.Label, e.SecretHash, storedEvent.RecordedAt, storedEvent.Metadata.UserId);
                break;
            case ApiKeyRevoked e:
                commands.Execute("UPDATE partnership.api_keys SET revoked_at = $2, revoked_by = $3 WHERE id = $1",
                    e.KeyId, storedEvent.RecordedAt, storedEvent.Metadata.UserId);
                break;
        }
    }
}

internal sealed record ApiKeyView(
    string Id, string OrganisationCode, string Role, string Label, DateTimeOffset CreatedAt, string? CreatedBy,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string Status);

/// <summary>The new key: shown once, here, and never again.</summary>
internal sealed record ApiKeyIssued(string Id, string Key, string OrganisationCode, string Role, string Label);

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record ListApiKeys(string? Organisation) : IQuery<IReadOnlyList<ApiKeyView>>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record CreateApiKey(string OrganisationCode, string Role, string? Label) : ICommand<ApiKeyIssued>;

[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record RevokeApiKey(string KeyId) : ICommand<ApiKeyView>;

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator()
    {
        RuleFor(r => r.OrganisationCode).NotEmpty().WithMessage("Give the organisation's code, for example E09000025 or PRV-A");
        RuleFor(r => r.Role).Must(r => Roles.All.Contains(r)).WithMessage("Give one of the roles: " + string.Join(", ", Roles.All));
        RuleFor(r => r.Label).MaximumLength(100).WithMessage("The label must be 100 characters or fewer");
    }
}

internal sealed class ApiKeyHandlers(
    [FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, NpgsqlDataSource dataSource,
    IAuditLog audit, RequestContext context, TimeProvider clock) :
    IRequestHandler<ListApiKeys, IReadOnlyList<ApiKeyView>>,
    IRequestHandler<CreateApiKey, ApiKeyIssued>,
    IRequestHandler<RevokeApiKey, ApiKeyView>
{
    public async Task<IReadOnlyList<ApiKeyView>> Handle(ListApiKeys request, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT k.id, k.organisation_code, k.role, k.label, k.created_at, k.created_by, u.last_used_at, k.revoked_at
            FROM partnership.api_keys k LEFT JOIN partnership.api_key_usage u ON u.id = k.id
            WHERE $1::text IS NULL OR k.organisation_code = $1 ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)request.Organisation ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    public async Task<ApiKeyIssued> Handle(CreateApiKey request, CancellationToken cancellationToken)
    {
        var organisation = await OrganisationDirectory.FindAsync(dataSource, request.OrganisationCode, cancellationToken)
                           ?? throw RequestValidationException.For("organisationCode", $"There is no organisation with the code {request.OrganisationCode}");
        if (RoleRules.Problem(request.Role, organisation) is { } problem)
        {
            throw RequestValidationException.For("role", problem);
        }

        var (id, secret, key) = ApiKeyFormat.New();
        var label = string.IsNullOrWhiteSpace(request.Label) ? $"{request.Role} key for {organisation.Name}" : request.Label.Trim();
        unitOfWork.For(store).Append($"api-key-{id}", "api-key", ExpectedVersion.NoStream,
            [new ApiKeyCreated(id, organisation.Code, request.Role, label, ApiKeyFormat.Hash(secret))]);
        await AuditAsync(id, "api-key-created", cancellationToken);
        return new ApiKeyIssued(id, key, organisation.Code, request.Role, label);
    }

    public async Task<ApiKeyView> Handle(RevokeApiKey request, CancellationToken cancellationToken)
    {
        var keys = await Handle(new ListApiKeys(null), cancellationToken);
        var key = keys.FirstOrDefault(k => k.Id == request.KeyId) ?? throw new NotFoundException("There is no API key with that id.");
        if (key.RevokedAt is not null)
        {
            return key;
        }

        unitOfWork.For(store).Append($"api-key-{key.Id}", "api-key", 1, [new ApiKeyRevoked(key.Id)]);
        await AuditAsync(key.Id, "api-key-revoked", cancellationToken);
        return key with { RevokedAt = clock.GetUtcNow(), Status = "revoked" };
    }

    private static ApiKeyView Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(7) ? "active" : "revoked");

    private Task AuditAsync(string keyId, string operation, CancellationToken cancellationToken) =>
        audit.RecordAsync([AuditEntry.By(context, clock.GetUtcNow(), AuditActions.Security, "api-key", keyId, operation)], cancellationToken);
}

/// <summary>The key behind a bearer token, if it is known, active and its secret matches.</summary>
internal sealed record AuthenticatedKey(string KeyId, string OrganisationCode, string Role, string Label);

internal sealed class ApiKeyVerifier(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<AuthenticatedKey?> VerifyAsync(string? presented, CancellationToken cancellationToken)
    {
        if (ApiKeyFormat.Parse(presented) is not var (keyId, secret))
        {
            return null;
        }

        await using var command = dataSource.CreateCommand(
            "SELECT organisation_code, role, label, secret_hash FROM partnership.api_keys WHERE id = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = keyId });
        AuthenticatedKey? key = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken) &&
                CryptographicOperations.FixedTimeEquals(reader.GetFieldValue<byte[]>(3), ApiKeyFormat.Hash(secret)))
            {
                key = new AuthenticatedKey(keyId, reader.GetString(0), reader.GetString(1), reader.GetString(2));
            }
        }

        if (key is not null)
        {
            // At most one write a minute per key, however busy it is.
            await using var touch = dataSource.CreateCommand("""
                INSERT INTO partnership.api_key_usage (id, last_used_at) VALUES ($1, $2)
                ON CONFLICT (id) DO UPDATE SET last_used_at = $2 WHERE partnership.api_key_usage.last_used_at < $2 - interval '1 minute'
                """);
            touch.Parameters.Add(new NpgsqlParameter { Value = keyId });
            touch.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            await touch.ExecuteNonQueryAsync(cancellationToken);
        }

        return key;
    }
}
